package dev.pyconcurrent.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The module-level functions of {@code concurrent.futures}: {@link #wait} and {@link #asCompleted}.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: wait, as_completed, _create_and_install_waiters}.
 * Both accept any iterable of futures, ignore duplicates, and count a future as completed only once it is FINISHED
 * or CANCELLED_AND_NOTIFIED: a future in plain CANCELLED is "not done" for them until an executor acknowledges the
 * cancellation with {@link Future#setRunningOrNotifyCancel()}. Java differs in taking timeouts as
 * {@link Duration} ({@code null} = no limit) and in throwing {@link WaitInterruptedException} when the waiting
 * thread is interrupted.
 */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits without limit until every future completed.
     *
     * @param fs  the futures; duplicates are ignored
     * @param <F> the future type
     * @return the completed and the not completed futures
     */
    public static <F extends Future<?>> DoneAndNotDoneFutures<F> wait(Iterable<? extends F> fs) {
        return wait(fs, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits until every future completed or the timeout passed; never throws a timeout.
     *
     * @param fs      the futures; duplicates are ignored
     * @param timeout how long to wait, null for no limit
     * @param <F>     the future type
     * @return the completed and the not completed futures
     */
    public static <F extends Future<?>> DoneAndNotDoneFutures<F> wait(Iterable<? extends F> fs, Duration timeout) {
        return wait(fs, timeout, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * CPython's {@code wait(fs, timeout, return_when)}: returns at once if {@code returnWhen} already holds;
     * otherwise installs one waiter on every future not yet completed, blocks on the waiter's event until it fires or
     * the timeout passes, and removes the waiter again. A timeout is not an error: the caller sees it in
     * {@code notDone}.
     *
     * <p>Java differs in how much it locks (the result is the same). CPython takes every future's lock, checks,
     * and installs the waiter on every future. Here:
     * <ol>
     *   <li>one lock-free pass ({@link FutureScan}) dedupes and reads each state once. If that already satisfies
     *       {@code returnWhen}, it returns without taking any lock (for FIRST_COMPLETED/FIRST_EXCEPTION after a
     *       second read of the pending futures proves the scan was a snapshot, see {@link FutureScan#stillPending()});</li>
     *   <li>otherwise it locks, in the global order, only the futures still pending, re-checks them under their
     *       locks, and installs the waiter only on those still pending (a completed future never notifies again).</li>
     * </ol>
     * With 100,000 futures this avoids sorting and locking the completed ones, and shortens the time workers
     * completing the others block on locks the waiting thread holds.
     *
     * @param fs         the futures; duplicates are ignored
     * @param timeout    how long to wait, null for no limit
     * @param returnWhen which condition ends the wait
     * @param <F>        the future type
     * @return the completed and the not completed futures, each in input order
     * @throws WaitInterruptedException if the thread was interrupted while blocked
     */
    public static <F extends Future<?>> DoneAndNotDoneFutures<F> wait(Iterable<? extends F> fs, Duration timeout,
                                                                      ReturnWhen returnWhen) {
        Objects.requireNonNull(returnWhen, "returnWhen");
        long deadline = Timeouts.deadline(timeout);
        FutureScan<F> scan = new FutureScan<>(fs);
        // Unlocked early return. Why reporting a future read as completed without its lock is safe: FINISHED and
        // CANCELLED_AND_NOTIFIED are terminal and the state is volatile, so it is still completed when we return
        // (and its exception, written before the state, is visible for the FIRST_EXCEPTION test). Plain CANCELLED
        // is not completed for wait(), as in CPython (isCompleted), so a cancelled future alone never ends a wait
        // before the executor acknowledges it.
        if (scan.pending.isEmpty()) {
            return allDone(scan.all); // every return condition holds when everything is completed
        }
        if ((returnWhen == ReturnWhen.FIRST_COMPLETED && !scan.completed.isEmpty()
                || returnWhen == ReturnWhen.FIRST_EXCEPTION && scan.anyRaised) && scan.stillPending()) {
            // The second read proved the scan a snapshot (what CPython sees under all locks): done = completed,
            // notDone = pending at one instant. If some pending future completed meanwhile, the locked path below
            // reports it as done instead, as CPython would.
            return split(scan.all, scan.pending);
        }
        return waitLocked(scan, timeout != null, deadline, returnWhen);
    }

    /** The slow path of {@link #wait(Iterable, Duration, ReturnWhen)}: lock the pending futures, check, block. */
    private static <F extends Future<?>> DoneAndNotDoneFutures<F> waitLocked(FutureScan<F> scan, boolean timed,
                                                                             long deadline, ReturnWhen returnWhen) {
        // 'watched' is what stays pending under the locks, in input order; 'lateCompleted' says something completed
        // between the unlocked scan and the locking. A future that completes in that window is not lost: we read its state
        // again under its own lock below. A future that completes after we took its lock cannot complete until we
        // release it, and by then the waiter is installed on it, so it reports to the waiter.
        List<F> watched = new ArrayList<>(scan.pending.size());
        boolean lateCompleted = false;
        boolean lateRaised = false;
        Waiter waiter;
        AcquireFutures locks = new AcquireFutures(scan.pending);
        try {
            for (F f : scan.pending) {
                FutureState s = f.currentState(); // stable: we hold f's lock and every transition takes it
                if (Futures.isCompleted(s)) {
                    lateCompleted = true;
                    lateRaised |= s == FutureState.FINISHED && f.storedException() != null;
                } else {
                    watched.add(f);
                }
            }
            // Holding the locks of all still-pending futures (the others are terminal), this is the same snapshot
            // CPython checks under all locks.
            if (watched.isEmpty()
                    || returnWhen == ReturnWhen.FIRST_COMPLETED && (lateCompleted || !scan.completed.isEmpty())
                    || returnWhen == ReturnWhen.FIRST_EXCEPTION && (lateRaised || scan.anyRaised)) {
                return watched.isEmpty() ? allDone(scan.all) : split(scan.all, watched);
            }
            // Still under the locks: none of 'watched' can complete before its waiter is installed, so the pending
            // count is exact and no completion is missed.
            waiter = createAndInstallWaiters(watched, returnWhen);
        } finally {
            locks.close();
        }
        InterruptedException interrupted = null;
        try {
            waiter.event.await(timed, deadline);
        } catch (InterruptedException e) {
            interrupted = e;
        }
        // Remove the waiter (CPython's finally block). A watched future counts as done iff it was completed when
        // its waiter was removed: under its lock that is the same as "it has told the waiter" (CPython's
        // finished_futures), since the state change and the notification share one critical section.
        List<F> stillPending = new ArrayList<>();
        for (F f : watched) {
            if (!f.removeWaiter(waiter)) {
                stillPending.add(f);
            }
        }
        if (interrupted != null) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(scan.all.size() + " futures", interrupted);
        }
        if (stillPending.isEmpty()) {
            return allDone(scan.all);
        }
        return split(scan.all, stillPending);
    }

    /**
     * CPython's {@code as_completed(fs, timeout)}: an iterator over the futures in the order they complete,
     * already-completed ones first. Nothing happens (no locks, no waiter, no clock) until the first
     * {@code hasNext()}/{@code next()}, as with CPython's generator; the timeout then bounds the whole iteration.
     * Close the iterator (or exhaust it) to remove its waiter from futures it did not yield.
     *
     * @param fs      the futures; duplicates are yielded once
     * @param timeout the deadline for the whole iteration, null for none
     * @param <F>     the future type
     * @return a one-shot iterator, also usable in a for-each loop
     */
    public static <F extends Future<?>> AsCompletedIterator<F> asCompleted(Iterable<? extends F> fs, Duration timeout) {
        return new AsCompletedIterator<>(fs, timeout);
    }

    /**
     * {@link #asCompleted(Iterable, Duration)} without a timeout.
     *
     * @param fs  the futures
     * @param <F> the future type
     * @return a one-shot iterator
     */
    public static <F extends Future<?>> AsCompletedIterator<F> asCompleted(Iterable<? extends F> fs) {
        return asCompleted(fs, null);
    }

    /** The states wait()/asCompleted() treat as completed; plain CANCELLED is deliberately missing. */
    static boolean isCompleted(FutureState s) {
        return s == FutureState.FINISHED || s == FutureState.CANCELLED_AND_NOTIFIED;
    }

    /**
     * CPython's {@code _create_and_install_waiters}, given only futures that are still pending: the caller holds
     * the lock of every one of them and has just checked that none is completed, so the pending count is their
     * number. ({@code returnWhen == null} is CPython's private {@code _AS_COMPLETED}.)
     */
    static Waiter createAndInstallWaiters(List<? extends Future<?>> pendingLocked, ReturnWhen returnWhen) {
        Waiter waiter;
        if (returnWhen == null) {
            waiter = new AsCompletedWaiter();
        } else if (returnWhen == ReturnWhen.FIRST_COMPLETED) {
            waiter = new FirstCompletedWaiter();
        } else {
            waiter = new AllCompletedWaiter(pendingLocked.size(), returnWhen == ReturnWhen.FIRST_EXCEPTION);
        }
        for (Future<?> f : pendingLocked) {
            f.addWaiterLocked(waiter);
        }
        return waiter;
    }

    /** Everything completed: the deduped input set is the done set as it is, no copy. */
    private static <F extends Future<?>> DoneAndNotDoneFutures<F> allDone(Set<F> all) {
        return new DoneAndNotDoneFutures<>(Collections.unmodifiableSet(all), Set.of());
    }

    /**
     * Splits {@code all} (input order) into done and not done in one pass; {@code notDone} is a sub-list of
     * {@code all} in the same order, so a merge walk replaces a hash lookup per future.
     */
    private static <F extends Future<?>> DoneAndNotDoneFutures<F> split(Set<F> all, List<F> notDone) {
        Set<F> done = new LinkedHashSet<>(Math.max(16, (int) ((all.size() - notDone.size()) / 0.75f) + 1));
        Set<F> notDoneSet = new LinkedHashSet<>(Math.max(16, (int) (notDone.size() / 0.75f) + 1));
        int next = 0;
        for (F f : all) {
            if (next < notDone.size() && notDone.get(next) == f) {
                notDoneSet.add(f);
                next++;
            } else {
                done.add(f);
            }
        }
        return new DoneAndNotDoneFutures<>(Collections.unmodifiableSet(done), Collections.unmodifiableSet(notDoneSet));
    }
}

package dev.pyconcurrent.futures;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
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
     * CPython's {@code wait(fs, timeout, return_when)}. Under all the futures' locks (taken in a global order) it
     * collects what is already completed and returns at once if that satisfies {@code returnWhen}; otherwise it
     * installs one waiter on every future, releases the locks, blocks on the waiter's event until it fires or the
     * timeout passes, and removes the waiter again. A timeout is not an error: the caller sees it in
     * {@code notDone}.
     *
     * @param fs         the futures; duplicates are ignored
     * @param timeout    how long to wait, null for no limit
     * @param returnWhen which condition ends the wait
     * @param <F>        the future type
     * @return the completed and the not completed futures
     * @throws WaitInterruptedException if the thread was interrupted while blocked
     */
    public static <F extends Future<?>> DoneAndNotDoneFutures<F> wait(Iterable<? extends F> fs, Duration timeout,
                                                                      ReturnWhen returnWhen) {
        Objects.requireNonNull(returnWhen, "returnWhen");
        long deadline = Timeouts.deadline(timeout);
        Set<F> all = dedupe(fs);
        Set<F> done = new LinkedHashSet<>();
        Waiter waiter;
        AcquireFutures locks = new AcquireFutures(all);
        try {
            for (F f : all) {
                if (isCompleted(f.currentState())) {
                    done.add(f);
                }
            }
            if (returnWhen == ReturnWhen.FIRST_COMPLETED && !done.isEmpty()
                    || returnWhen == ReturnWhen.FIRST_EXCEPTION && anyRaised(done)
                    || done.size() == all.size()) {
                return split(all, done);
            }
            // Still under the locks: no future can complete between the check above and the installation, so
            // the waiter's pending count is exact and no completion is missed.
            waiter = createAndInstallWaiters(all, returnWhen);
        } finally {
            locks.close();
        }
        try {
            waiter.event.await(timeout != null, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(all.size() + " futures", e);
        } finally {
            for (F f : all) {
                f.removeWaiter(waiter);
            }
        }
        for (Future<?> f : waiter.finishedSnapshot()) {
            @SuppressWarnings("unchecked")
            F typed = (F) f; // recorded futures are elements of 'all'
            done.add(typed);
        }
        return split(all, done);
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

    static <F extends Future<?>> Set<F> dedupe(Iterable<? extends F> fs) {
        Objects.requireNonNull(fs, "fs");
        Set<F> all = new LinkedHashSet<>();
        for (F f : fs) {
            all.add(Objects.requireNonNull(f, "futures must not contain null"));
        }
        return all;
    }

    /** The states wait()/asCompleted() treat as completed; plain CANCELLED is deliberately missing. */
    static boolean isCompleted(FutureState s) {
        return s == FutureState.FINISHED || s == FutureState.CANCELLED_AND_NOTIFIED;
    }

    private static boolean anyRaised(Set<? extends Future<?>> done) {
        for (Future<?> f : done) {
            if (f.currentState() == FutureState.FINISHED && f.storedException() != null) {
                return true;
            }
        }
        return false;
    }

    /** Caller holds every future's lock. */
    static Waiter createAndInstallWaiters(Set<? extends Future<?>> fs, ReturnWhen returnWhen) {
        Waiter waiter;
        if (returnWhen == null) {
            waiter = new AsCompletedWaiter(); // CPython's private _AS_COMPLETED
        } else if (returnWhen == ReturnWhen.FIRST_COMPLETED) {
            waiter = new FirstCompletedWaiter();
        } else {
            int pending = 0;
            for (Future<?> f : fs) {
                if (!isCompleted(f.currentState())) {
                    pending++;
                }
            }
            waiter = new AllCompletedWaiter(pending, returnWhen == ReturnWhen.FIRST_EXCEPTION);
        }
        for (Future<?> f : fs) {
            f.addWaiterLocked(waiter);
        }
        return waiter;
    }

    private static <F extends Future<?>> DoneAndNotDoneFutures<F> split(Set<F> all, Set<F> done) {
        Set<F> notDone = new LinkedHashSet<>(all);
        notDone.removeAll(done);
        return new DoneAndNotDoneFutures<>(Collections.unmodifiableSet(done), Collections.unmodifiableSet(notDone));
    }
}

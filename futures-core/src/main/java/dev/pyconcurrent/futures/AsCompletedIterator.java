package dev.pyconcurrent.futures;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The iterator {@link Futures#asCompleted} returns: yields each distinct future once, as it completes.
 *
 * <p>CPython counterpart: the {@code as_completed} generator and {@code _yield_finished_futures} of
 * {@code Lib/concurrent/futures/_base.py}. Java differs: it is an explicit {@link Iterator} (also {@link Iterable},
 * returning itself, so it fits a for-each loop once) and {@link AutoCloseable}, where CPython relies on the
 * generator's {@code finally}; {@code hasNext()} never blocks (it says whether futures remain), {@code next()}
 * blocks and throws {@link FutureTimeoutException} ({@code "2 (of 4) futures unfinished"}) when the deadline passes.
 * Futures already completed at the start are yielded first, in input order, then those that completed while the
 * iterator was being set up, then the rest in completion order. Not thread-safe: one consumer.
 *
 * <h2>States</h2>
 * <pre>
 *   NEW       -> ITERATING  first hasNext()/next(): dedupe and split completed/pending without locks, then lock only
 *                           the pending ones, re-check them and install the waiter on those still pending
 *   ITERATING -> FINISHED   last future yielded, the deadline passed, the thread was interrupted, or close()
 *   NEW       -> FINISHED   close() before use (nothing was ever installed)
 * </pre>
 * On FINISHED the waiter is removed from every future not yet yielded (a no-op on those it was never installed on)
 * and all references are dropped; a yielded future is dropped from every internal collection before it is returned
 * (CPython issue 27144: the iterator must not keep finished futures alive).
 *
 * @param <F> the future type
 */
public final class AsCompletedIterator<F extends Future<?>> implements Iterator<F>, Iterable<F>, AutoCloseable {
    private Iterable<? extends F> source;
    private final Duration timeout;
    private boolean started;
    private boolean finished;
    private long deadline;
    private int total;
    /** Not yet yielded (CPython's {@code fs}); the waiter is still installed on each of them. */
    private Set<F> unyielded;
    /** Not yet seen completing (CPython's {@code pending}); its size is the timeout message's first number. */
    private Set<F> pending;
    /** Completed and waiting to be yielded, in yield order. */
    private ArrayDeque<F> ready;
    private AsCompletedWaiter waiter;

    AsCompletedIterator(Iterable<? extends F> fs, Duration timeout) {
        this.source = java.util.Objects.requireNonNull(fs, "fs");
        this.timeout = timeout;
    }

    @Override
    public Iterator<F> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        start();
        if (finished) {
            return false;
        }
        if (ready.isEmpty() && pending.isEmpty()) {
            finish();
            return false;
        }
        return true;
    }

    /**
     * @return the next future to complete
     * @throws FutureTimeoutException   if the deadline passed first; the iterator is then finished
     * @throws WaitInterruptedException if the thread was interrupted; the iterator is then finished
     * @throws NoSuchElementException   if every future was yielded
     */
    @Override
    public F next() {
        if (!hasNext()) {
            throw new NoSuchElementException("every future was already yielded");
        }
        while (ready.isEmpty()) {
            awaitMoreCompletions();
        }
        F f = ready.poll();
        unyielded.remove(f);
        pending.remove(f);
        f.removeWaiter(waiter);
        return f;
    }

    /** Removes the waiter from every future not yet yielded; later calls to {@code hasNext()} return false. */
    @Override
    public void close() {
        started = true;
        finish();
    }

    /**
     * CPython's set-up before the first yield, without CPython's "lock everything". One lock-free pass
     * ({@link FutureScan}) queues the futures already completed, in input order: a future read as FINISHED or
     * CANCELLED_AND_NOTIFIED is terminal, so yielding it unlocked is safe (plain CANCELLED is not completed here, as
     * in CPython). Only the rest is locked, in the global order, and re-checked: a future that completed between the
     * scan and its locking is queued next (it will never notify again, so waiting for it would hang); the others
     * cannot complete while locked, so they get the waiter before they can complete and none is lost.
     */
    private void start() {
        if (started) {
            return;
        }
        started = true;
        deadline = Timeouts.deadline(timeout);
        FutureScan<F> scan = new FutureScan<>(source);
        source = null;
        unyielded = scan.all;
        total = unyielded.size();
        ready = new ArrayDeque<>(scan.completed);
        pending = new LinkedHashSet<>();
        List<F> watched = new ArrayList<>(scan.pending.size());
        AcquireFutures locks = new AcquireFutures(scan.pending);
        try {
            for (F f : scan.pending) {
                if (Futures.isCompleted(f.currentState())) { // stable: we hold f's lock
                    ready.add(f);
                } else {
                    watched.add(f);
                    pending.add(f);
                }
            }
            waiter = (AsCompletedWaiter) Futures.createAndInstallWaiters(watched, null);
        } finally {
            locks.close();
        }
    }

    /** Blocks for the next batch of completions; goals: one deadline for the whole iteration, no lost wake-up. */
    private void awaitMoreCompletions() {
        boolean timed = timeout != null;
        if (timed && deadline - System.nanoTime() <= 0L) {
            String message = pending.size() + " (of " + total + ") futures unfinished";
            finish();
            throw new FutureTimeoutException(message);
        }
        try {
            waiter.event.await(timed, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            int unfinished = pending.size();
            finish();
            throw new WaitInterruptedException(unfinished + " (of " + total + ") unfinished futures", e);
        }
        // drainAndClear swaps the list and clears the event atomically with respect to add*(): a completion
        // recorded after the swap sets the event again, so the next await returns at once.
        List<Future<?>> batch = waiter.drainAndClear();
        for (Future<?> f : batch) {
            @SuppressWarnings("unchecked")
            F typed = (F) f; // only futures of this iteration carry this waiter
            ready.add(typed);
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (waiter != null) {
            for (F f : unyielded) {
                f.removeWaiter(waiter);
            }
        }
        unyielded = Set.of();
        pending = Set.of();
        ready = new ArrayDeque<>(0);
        waiter = null;
        source = null;
    }
}

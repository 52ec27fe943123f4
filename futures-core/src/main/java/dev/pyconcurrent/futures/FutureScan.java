package dev.pyconcurrent.futures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One lock-free pass over the futures given to {@link Futures#wait} or {@link Futures#asCompleted}: drops
 * duplicates and sorts every distinct future into "completed" or "pending" by one volatile read of its state.
 *
 * <p>CPython counterpart: the {@code set(fs)} and the {@code f._state in [CANCELLED_AND_NOTIFIED, FINISHED]} test that
 * {@code Lib/concurrent/futures/_base.py: wait, as_completed} run <em>under</em> {@code _AcquireFutures}. Java differs:
 * it runs before any lock is taken, which is sound because of two facts about {@link Future}:
 * <ul>
 *   <li>FINISHED and CANCELLED_AND_NOTIFIED are terminal and {@code state} is volatile, so a future read as completed
 *       here is completed for good (and its result/exception, written before the state, are visible);</li>
 *   <li>a future read as pending may complete right after the read. That is why callers either re-check
 *       {@link #pending} (under the futures' locks, or by a second read, see {@link #stillPending()}) before they
 *       rely on it, or only ever use it as "not known to be completed yet".</li>
 * </ul>
 * Plain CANCELLED counts as pending, as in CPython: the executor has not acknowledged the cancellation yet, and the
 * future's waiters are told only at CANCELLED → CANCELLED_AND_NOTIFIED.
 *
 * <p>Immutable after construction except for {@link #pending}, which callers may shrink. Not thread-safe.
 *
 * @param <F> the future type
 */
final class FutureScan<F extends Future<?>> {
    /** Every distinct future, in input order (first occurrence); doubles as the result set when all are done. */
    final Set<F> all;
    /** Distinct futures read as completed, in input order. */
    final List<F> completed;
    /** Distinct futures read as not completed (PENDING, RUNNING, CANCELLED), in input order. */
    final List<F> pending;
    /** True if some future in {@link #completed} is FINISHED with an exception (FIRST_EXCEPTION's condition). */
    final boolean anyRaised;

    FutureScan(Iterable<? extends F> fs) {
        Objects.requireNonNull(fs, "fs");
        int expected = fs instanceof Collection<?> c ? c.size() : 16;
        // Sized so the set never rehashes for a duplicate-free collection (load factor 0.75).
        Set<F> distinct = new LinkedHashSet<>(Math.max(16, (int) (expected / 0.75f) + 1));
        List<F> done = new ArrayList<>();
        List<F> notDone = new ArrayList<>();
        boolean raised = false;
        for (F f : fs) {
            if (!distinct.add(Objects.requireNonNull(f, "futures must not contain null"))) {
                continue; // a duplicate: counted at its first occurrence
            }
            FutureState s = f.currentState();
            if (Futures.isCompleted(s)) {
                done.add(f);
                // storedException() is safe to read: the volatile read of FINISHED above publishes it.
                raised |= s == FutureState.FINISHED && f.storedException() != null;
            } else {
                notDone.add(f);
            }
        }
        this.all = distinct;
        this.completed = done;
        this.pending = notDone;
        this.anyRaised = raised;
    }

    /**
     * Reads every pending future's state a second time ("double collect"). If none has completed since the scan, the
     * scan is a true snapshot: at the moment this second pass started, every future in {@link #completed} was
     * completed (terminal states never change back) and every future in {@link #pending} was not (it still read as
     * not completed afterwards, and states only move towards completed). That is exactly what CPython's
     * all-locks-held check sees, without any lock.
     *
     * @return true if no pending future completed since the scan
     */
    boolean stillPending() {
        for (F f : pending) {
            if (Futures.isCompleted(f.currentState())) {
                return false;
            }
        }
        return true;
    }
}

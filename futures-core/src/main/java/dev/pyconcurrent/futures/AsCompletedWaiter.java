package dev.pyconcurrent.futures;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every completion and sets its event each time, so the iterating thread wakes, takes the batch and
 * clears the event.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: _AsCompletedWaiter}. CPython guards the swap of
 * {@code finished_futures} and the {@code event.clear()} with one lock so a completion cannot slip in between and
 * be lost; here the waiter's monitor plays that role in {@link #drainAndClear()} (the {@code add*} path records under
 * the same monitor and sets the event after).
 *
 * <p>Race reasoning: a completion that records after the drain also sets the event after the clear (it sets it after
 * recording, and the clear happens inside the drain's monitor, before the record can get the monitor), so the next
 * wait returns at once and nothing is lost.
 */
final class AsCompletedWaiter extends SignallingWaiter {
    /** @return the futures recorded since the last drain, in completion order, and clears the event */
    synchronized List<Future<?>> drainAndClear() {
        List<Future<?>> batch = finishedFutures;
        finishedFutures = new ArrayList<>();
        event.clear();
        return batch;
    }
}

package dev.pyconcurrent.futures;

/**
 * Counts completions down to zero; optionally fires early on the first exception.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: _AllCompletedWaiter(num_pending_calls,
 * stop_on_exception)}, used by {@code wait(..., ALL_COMPLETED)} and {@code wait(..., FIRST_EXCEPTION)}.
 * States: counting (pending &gt; 0) → fired (event set) when the count reaches 0, or at once on an exception if
 * {@code stopOnException}. The count is guarded by {@code this} because different futures report under different
 * future locks, concurrently.
 */
final class AllCompletedWaiter extends Waiter {
    private final boolean stopOnException;
    private int pendingCalls;

    AllCompletedWaiter(int pendingCalls, boolean stopOnException) {
        this.pendingCalls = pendingCalls;
        this.stopOnException = stopOnException;
    }

    private void decrementPendingCalls() {
        boolean fire;
        synchronized (this) {
            pendingCalls--;
            fire = pendingCalls == 0;
        }
        if (fire) {
            event.set();
        }
    }

    @Override
    void addResult(Future<?> future) {
        super.addResult(future);
        decrementPendingCalls();
    }

    @Override
    void addException(Future<?> future) {
        super.addException(future);
        if (stopOnException) {
            event.set();
        } else {
            decrementPendingCalls();
        }
    }

    @Override
    void addCancelled(Future<?> future) {
        super.addCancelled(future);
        decrementPendingCalls();
    }
}

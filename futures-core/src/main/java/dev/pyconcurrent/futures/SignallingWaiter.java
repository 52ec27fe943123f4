package dev.pyconcurrent.futures;

/**
 * A {@link Waiter} that sets its event on every completion, whatever its kind.
 *
 * <p>CPython counterpart: the identical {@code add_result}/{@code add_exception}/{@code add_cancelled} overrides
 * that {@code _AsCompletedWaiter} and {@code _FirstCompletedWaiter} each carry in
 * {@code Lib/concurrent/futures/_base.py}; here they are written once.
 */
abstract class SignallingWaiter extends Waiter {
    @Override
    void addResult(Future<?> future) {
        super.addResult(future);
        event.set();
    }

    @Override
    void addException(Future<?> future) {
        super.addException(future);
        event.set();
    }

    @Override
    void addCancelled(Future<?> future) {
        super.addCancelled(future);
        event.set();
    }
}

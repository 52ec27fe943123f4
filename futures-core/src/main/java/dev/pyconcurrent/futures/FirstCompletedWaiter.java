package dev.pyconcurrent.futures;

/**
 * Sets its event on the first completion of any kind.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: _FirstCompletedWaiter}, used by
 * {@code wait(..., FIRST_COMPLETED)}. States: armed → fired (event set) on the first add; further adds only record.
 */
final class FirstCompletedWaiter extends SignallingWaiter {
}

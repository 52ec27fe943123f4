package dev.pyconcurrent.futures.pool;

/**
 * The life cycle of a {@link Pool}.
 *
 * <p>CPython counterpart: the module constants {@code INIT}, {@code RUN}, {@code CLOSE} and {@code TERMINATE} of
 * {@code Lib/multiprocessing/pool.py}. {@code INIT} is not modelled: a Java pool is RUN as soon as its constructor
 * returns, and a constructor that fails leaves no pool behind.
 *
 * <pre>
 *   RUN   -> CLOSE      shutdown() (CPython close()): no new work; queued work still runs
 *   RUN   -> TERMINATE  terminate() or close() (CPython __exit__): queued work is dropped
 *   CLOSE -> TERMINATE  terminate()
 * </pre>
 * TERMINATE is final; every other call is refused with an {@link IllegalStateException} naming the state.
 */
public enum PoolState {
    /** Accepting work. */
    RUN,
    /** No new work; queued work drains, then the workers exit. */
    CLOSE,
    /** Queued work dropped; workers exit after their current task. */
    TERMINATE
}

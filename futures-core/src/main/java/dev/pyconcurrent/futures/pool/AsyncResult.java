package dev.pyconcurrent.futures.pool;

import java.time.Duration;

/**
 * The handle {@link Pool#applyAsync} and {@link Pool#mapAsync} return: the result of work that may not have
 * finished yet.
 *
 * <p>CPython counterpart: {@code multiprocessing.pool.AsyncResult} ({@code ApplyResult}) in
 * {@code Lib/multiprocessing/pool.py}. Where Java differs:
 * <ul>
 *   <li>{@code wait(timeout)} is {@link #await(Duration)}, since {@code Object.wait()} is final; it returns whether
 *       the result is ready (CPython returns {@code None}).</li>
 *   <li>A task's failure surfaces from {@link #get()} as {@link dev.pyconcurrent.futures.ExecutionFailedException}
 *       whose cause is the original throwable (CPython re-raises the object itself).</li>
 *   <li>A timeout is {@link dev.pyconcurrent.futures.FutureTimeoutException} (CPython's
 *       {@code multiprocessing.TimeoutError}); {@link #successful()} before ready is an
 *       {@link IllegalStateException} (CPython's {@code ValueError}).</li>
 * </ul>
 *
 * @param <R> the result type
 */
public interface AsyncResult<R> {
    /**
     * Waits without limit; CPython {@code get()}.
     *
     * @return the result
     * @throws dev.pyconcurrent.futures.ExecutionFailedException if the work raised; the cause is what it raised
     * @throws dev.pyconcurrent.futures.CancelledException       if the pool was terminated before the work finished
     */
    R get();

    /**
     * Waits at most {@code timeout}; CPython {@code get(timeout)}.
     *
     * @param timeout how long to wait; null waits without limit
     * @return the result
     * @throws dev.pyconcurrent.futures.FutureTimeoutException   if the result is not ready in time
     * @throws dev.pyconcurrent.futures.ExecutionFailedException if the work raised
     */
    R get(Duration timeout);

    /**
     * Waits at most {@code timeout} for the result; CPython {@code wait(timeout)}.
     *
     * @param timeout how long to wait; null waits without limit
     * @return true if the result is ready
     */
    boolean await(Duration timeout);

    /** Waits without limit for the result; CPython {@code wait()}. */
    default void await() {
        await(null);
    }

    /** @return true once the result (or failure) has arrived and the callback ran; CPython {@code ready()} */
    boolean ready();

    /**
     * @return true if the work finished without raising; CPython {@code successful()}
     * @throws IllegalStateException if the result is not ready yet (CPython's {@code ValueError})
     */
    boolean successful();
}

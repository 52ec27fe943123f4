package dev.pyconcurrent.process.pool;

import java.time.Duration;

/**
 * A call ran longer than the pool's per-task timeout: its worker was killed and replaced, and only this call's
 * future failed.
 *
 * <p>CPython counterpart: none (CPython's {@code ProcessPoolExecutor} has no per-task timeout; pebble's
 * {@code ProcessPool.schedule(timeout=)} raises {@code TimeoutError} the same way). Not a
 * {@link java.util.concurrent.TimeoutException}: the call did not merely keep a waiter waiting, it was stopped.
 */
public class TaskTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public TaskTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}

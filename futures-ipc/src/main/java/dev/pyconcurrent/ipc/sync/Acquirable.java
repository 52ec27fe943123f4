package dev.pyconcurrent.ipc.sync;

import java.time.Duration;
import java.io.Serializable;

/**
 * Something that can be acquired and released across processes: {@link Lock}, {@link RLock},
 * {@link Semaphore}, {@link BoundedSemaphore} and {@link Condition} (which delegates to its lock).
 * Timeouts are seconds as {@code double}; {@code Double.POSITIVE_INFINITY} stands for Python's
 * {@code None}; a non-blocking acquire ignores the timeout, as in CPython.
 */
public interface Acquirable extends Serializable {

    /**
     * Python's {@code acquire(block=True, timeout=None)}.
     *
     * @return true if acquired, false if not (non-blocking or timed out)
     * @throws InterruptedException if the thread was interrupted while waiting
     * @throws dev.pyconcurrent.ipc.host.HostDiedException if the hosting process is gone
     */
    boolean acquire(boolean block, double timeoutSeconds) throws InterruptedException;

    /** Releases one acquisition. */
    void release();

    /** Acquires without limit. */
    default boolean acquire() throws InterruptedException {
        return acquire(true, Double.POSITIVE_INFINITY);
    }

    /** {@code acquire(block, None)}. */
    default boolean acquire(boolean block) throws InterruptedException {
        return acquire(block, Double.POSITIVE_INFINITY);
    }

    /** {@code acquire(block=true, timeout)} with a {@link Duration}; returns false if it timed out. */
    default boolean acquire(Duration timeout) throws InterruptedException {
        return acquire(true, timeout.toNanos() / 1e9);
    }

    /** Acquires without limit and returns a guard that releases on close (Python's {@code with}). */
    default Guard guard() throws InterruptedException {
        acquire();
        return new Guard(this);
    }
}

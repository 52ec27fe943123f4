package dev.pyconcurrent.futures.thread;

import dev.pyconcurrent.futures.BrokenExecutorException;

/**
 * A worker thread's initializer failed, so the {@link ThreadPoolExecutor} will run no more work.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/thread.py: BrokenThreadPool}. Set on every future that was
 * queued when the pool broke and thrown by every later {@code submit}. Java adds the initializer's exception as the
 * {@linkplain #getCause() cause} (CPython only logs it).
 */
public class BrokenThreadPoolException extends BrokenExecutorException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what broke the pool
     * @param cause   what the initializer raised
     */
    public BrokenThreadPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}

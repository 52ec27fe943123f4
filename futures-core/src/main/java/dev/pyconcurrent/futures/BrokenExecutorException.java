package dev.pyconcurrent.futures;

/**
 * An executor can no longer run work after a severe failure (an initializer failed, a worker died).
 *
 * <p>CPython counterpart: {@code concurrent.futures.BrokenExecutor(RuntimeError)}
 * ({@code Lib/concurrent/futures/_base.py}); its subclasses {@code BrokenThreadPool} and {@code BrokenProcessPool}
 * live in the thread and process pool modules here as well. Set as the exception of every future the failure
 * stranded and thrown by {@code submit} afterwards; the message says what broke, and a remote stack trace, if any,
 * travels as the cause.
 */
public class BrokenExecutorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what broke the executor
     */
    public BrokenExecutorException(String message) {
        super(message);
    }

    /**
     * @param message what broke the executor
     * @param cause   the underlying failure (for example a remote stack trace)
     */
    public BrokenExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}

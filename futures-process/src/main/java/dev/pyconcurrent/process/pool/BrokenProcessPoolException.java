package dev.pyconcurrent.process.pool;

import dev.pyconcurrent.futures.BrokenExecutorException;

/**
 * The process pool cannot run work any more: a worker died while work was pending, the initializer failed, or a
 * result could not be read back.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/process.py: BrokenProcessPool(BrokenExecutor)}. Set on every
 * future the failure stranded (each gets its own instance, as CPython main does since gh-101267) and thrown by
 * {@code submit} afterwards. When the cause is known (a remote stack trace, the dead worker's exit code) it travels
 * as {@link #getCause()}.
 */
public class BrokenProcessPoolException extends BrokenExecutorException {
    private static final long serialVersionUID = 1L;

    public BrokenProcessPoolException(String message) {
        super(message);
    }

    public BrokenProcessPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.pyconcurrent.futures;

/**
 * Thrown by {@link Future#result()} (and by {@link Executor#map} iterators) when the task raised: the task's own
 * {@link Throwable} is the {@linkplain #getCause() cause}, and the message names its class and message.
 *
 * <p>CPython counterpart: none. {@code Future.result()} in {@code Lib/concurrent/futures/_base.py} re-raises the
 * stored exception object itself. Java cannot do the same faithfully, for two reasons: the stored throwable may be
 * a <em>checked</em> exception that the caller's {@code result()} signature does not declare, and re-throwing the
 * same object from another thread would present the worker's stack as if it were the caller's (and concurrent
 * callers would all mutate one shared object's suppressed list). So a fresh wrapper is thrown per call, carrying
 * the caller's stack, with the original untouched as its cause. {@link Future#exception()} still returns the
 * original, and {@link Future#get()} uses the JDK's checked {@link java.util.concurrent.ExecutionException}.
 */
public class ExecutionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param cause the throwable the task raised; never null
     */
    public ExecutionFailedException(Throwable cause) {
        super("task raised " + cause, cause);
    }
}

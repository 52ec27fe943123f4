package dev.pyconcurrent.futures.function;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that is also {@link Serializable}, so a lambda targeting it can be sent to a
 * worker process.
 *
 * <p>CPython counterpart: any picklable zero-argument callable passed to
 * {@code Executor.submit(fn)} ({@code Lib/concurrent/futures/_base.py}). Java differs in that
 * serializability of a lambda is decided by its target type at compile time, not by where the
 * function is defined.
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface SerializableCallable<V> extends Callable<V>, Serializable {
}

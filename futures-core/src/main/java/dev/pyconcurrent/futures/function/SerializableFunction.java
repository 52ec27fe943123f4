package dev.pyconcurrent.futures.function;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that is also {@link Serializable}: the one-argument task of
 * {@code submit(fn, arg)} and {@code map(fn, items)}.
 *
 * <p>CPython counterpart: a picklable {@code fn} passed to {@code Executor.submit(fn, arg)} or
 * {@code Executor.map(fn, iterable)} ({@code Lib/concurrent/futures/_base.py}).
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}

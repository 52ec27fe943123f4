package dev.pyconcurrent.futures.function;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that is also {@link Serializable}: the two-argument task of
 * {@code submit(fn, a, b)}, {@code map(fn, as, bs)} and {@code starmap}.
 *
 * <p>CPython counterpart: a picklable two-argument {@code fn} passed to {@code Executor.submit} or
 * zipped over two iterables by {@code Executor.map} ({@code Lib/concurrent/futures/_base.py}).
 *
 * @param <T> the first argument type
 * @param <U> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable {
}

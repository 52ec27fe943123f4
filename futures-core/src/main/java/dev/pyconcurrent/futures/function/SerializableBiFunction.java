package dev.pyconcurrent.futures.function;

import java.io.Serializable;

/**
 * A two-argument task that is {@link Serializable}: the {@code fn} of {@code submit(fn, a, b)},
 * {@code map(fn, as, bs)} and {@code starmap}.
 *
 * <p>CPython counterpart: a picklable two-argument {@code fn} passed to {@code Executor.submit} or zipped over two
 * iterables by {@code Executor.map} ({@code Lib/concurrent/futures/_base.py}). Like a Python function it may raise
 * anything, so {@link #apply} declares {@code throws Exception} and this type does not extend
 * {@link java.util.function.BiFunction} (see {@link SerializableFunction}).
 *
 * @param <T> the first argument type
 * @param <U> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends Serializable {

    /**
     * Runs the task.
     *
     * @throws Exception whatever the task raises; the executor stores it in the future
     */
    R apply(T t, U u) throws Exception;
}

package dev.pyconcurrent.futures.function;

import java.io.Serializable;

/**
 * A one-argument task that is {@link Serializable}: the {@code fn} of {@code submit(fn, arg)} and
 * {@code map(fn, items)}.
 *
 * <p>CPython counterpart: a picklable {@code fn} passed to {@code Executor.submit(fn, arg)} or
 * {@code Executor.map(fn, iterable)} ({@code Lib/concurrent/futures/_base.py}). Like a Python function it may
 * raise anything: {@link #apply} declares {@code throws Exception}, so a task that sleeps or does I/O needs no
 * try/catch wrapper; whatever it throws becomes the future's exception. That is also why this type does not
 * extend {@link java.util.function.Function}, whose {@code apply} cannot throw checked exceptions; adapt with
 * {@code fn::apply} where a {@code Function} is needed.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Serializable {

    /**
     * Runs the task.
     *
     * @throws Exception whatever the task raises; the executor stores it in the future
     */
    R apply(T t) throws Exception;
}

package dev.pyconcurrent.futures.function;

import java.io.Serializable;
import java.util.function.Consumer;

/**
 * A {@link Consumer} that is also {@link Serializable}: a one-argument procedure such as a pool
 * {@code initializer(initargs)} or a process target that takes an argument.
 *
 * <p>CPython counterpart: a picklable {@code initializer} or {@code target} taking one positional
 * argument ({@code Lib/concurrent/futures/process.py}, {@code Lib/multiprocessing/process.py}).
 *
 * @param <T> the argument type
 */
@FunctionalInterface
public interface SerializableConsumer<T> extends Consumer<T>, Serializable {
}

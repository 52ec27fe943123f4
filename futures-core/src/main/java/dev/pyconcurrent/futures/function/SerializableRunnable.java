package dev.pyconcurrent.futures.function;

import java.io.Serializable;

/**
 * A {@link Runnable} that is also {@link Serializable}: the target of a child process.
 *
 * <p>CPython counterpart: the {@code target} callable of {@code multiprocessing.Process}
 * ({@code Lib/multiprocessing/process.py: BaseProcess.run}). Java differs in that the lambda must
 * be typed as this interface at the call site to be serializable at all.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}

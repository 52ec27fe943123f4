package dev.pyconcurrent.process;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A child process's work with CPython's full calling convention: positional {@code args} and keyword
 * {@code kwargs}.
 *
 * <p>Mirrors the {@code target(*args, **kwargs)} call of {@code Lib/multiprocessing/process.py: BaseProcess.run}.
 * Java has no {@code *args/**kwargs}, so both arrive as collections; most code uses the simpler
 * {@link dev.pyconcurrent.futures.function.SerializableRunnable} or
 * {@link dev.pyconcurrent.futures.function.SerializableConsumer} constructors of {@link Process} instead.
 * The target, its arguments and keyword values travel to the child by Java serialization, so they must all be
 * {@link Serializable}. Any exception it throws ends the child with exit code 1 after its stack trace is printed.
 */
@FunctionalInterface
public interface ProcessTarget extends Serializable {
    /**
     * Runs in the child.
     *
     * @param args positional arguments (unmodifiable, may be empty)
     * @param kwargs keyword arguments (unmodifiable, insertion-ordered, may be empty)
     */
    void run(List<Object> args, Map<String, Object> kwargs) throws Exception;
}

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
 * {@link NoArgs}, {@link OneArg} and {@link TwoArgs} constructors of {@link Process} instead.
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

    /**
     * {@code target()}: a child's work that takes no argument. Unlike {@link Runnable} it may throw checked
     * exceptions (a blocking {@code queue.put} throws {@link InterruptedException}), which end the child with exit
     * code 1 and a printed stack trace, as an exception escaping a CPython target does.
     */
    @FunctionalInterface
    interface NoArgs extends Serializable {
        void run() throws Exception;
    }

    /** {@code target(a)}: the article's {@code Process(target=f, args=(q,))}. */
    @FunctionalInterface
    interface OneArg<A> extends Serializable {
        void run(A a) throws Exception;
    }

    /** {@code target(a, b)}: e.g. {@code Process(target=f, args=(num, arr))}. */
    @FunctionalInterface
    interface TwoArgs<A, B> extends Serializable {
        void run(A a, B b) throws Exception;
    }
}

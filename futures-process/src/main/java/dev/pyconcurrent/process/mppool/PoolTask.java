package dev.pyconcurrent.process.mppool;

import java.util.Iterator;
import java.util.List;
import java.util.function.IntConsumer;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.GuardedTasks;

/**
 * One unit of work on the pool's queues: task {@code index} of job {@code job}.
 *
 * <p>CPython counterpart: the {@code (job, i, func, args, kwds)} tuples of {@code Lib/multiprocessing/pool.py}, with
 * {@code func} one of three shapes: a call of its own ({@code apply_async(func)}), {@code func(x)} for
 * {@code apply_async(func, (x,))} or one input of {@code imap}, or {@code mapstar((func, chunk))} for a chunk of
 * {@code map}/{@code imap(chunksize>1)}. The fourth kind, {@link Kind#RERAISE}, is CPython's
 * {@code _helper_reraises_exception} task that carries an exception raised by the <em>input iterable</em>. Here it
 * never travels to a worker (the task handler delivers it straight to the result handler), so the exception arrives
 * as the very object the input threw, not wrapped and with no remote cause, as CPython's {@code test_traceback}
 * requires. Immutable; the job's result object is found through the pool's cache by {@code job}, as in CPython.
 *
 * @param job   the job number
 * @param index the task's index within the job (a chunk index for chunked jobs)
 * @param kind  what {@code fn} and {@code arg} are
 * @param fn    the callable or function
 * @param arg   the input ({@link Kind#APPLY}), the list of inputs ({@link Kind#CHUNK}), the exception
 *              ({@link Kind#RERAISE}), or null
 */
record PoolTask(long job, int index, Kind kind, Object fn, Object arg) {

    /** The shapes of {@code func}. */
    enum Kind {
        /** {@code fn} is a {@link SerializableCallable}. */
        CALL,
        /** {@code fn.apply(arg)}: {@code apply_async(func, (arg,))}, or one input of {@code imap} with chunksize 1. */
        APPLY,
        /** {@code mapstar}: {@code fn} over the list {@code arg}, giving a list. */
        CHUNK,
        /** {@code _helper_reraises_exception}: {@code arg} is what the input iterable threw. */
        RERAISE
    }

    /** What the task handler reads from the task queue: CPython's {@code (taskseq, set_length)}. */
    record Batch(Iterator<PoolTask> tasks, IntConsumer setLength) {
    }

    /**
     * How {@link ProcessPool} builds the tasks of a {@code map}/{@code imap} job (see {@link GuardedTasks}): an
     * {@link Kind#APPLY} of {@code fn} to one item, a {@link Kind#CHUNK}, or the {@link Kind#RERAISE} of an input error.
     */
    static <A> GuardedTasks.Factory<A, PoolTask> factory(long job, SerializableFunction<A, ?> fn) {
        return new GuardedTasks.Factory<>() {
            @Override
            public PoolTask single(int index, A input) {
                return new PoolTask(job, index, Kind.APPLY, fn, input);
            }

            @Override
            public PoolTask chunk(int index, List<A> chunk) {
                return new PoolTask(job, index, Kind.CHUNK, fn, chunk);
            }

            @Override
            public PoolTask reraise(int index, Throwable failure) {
                return new PoolTask(job, index, Kind.RERAISE, null, failure);
            }
        };
    }
}

package dev.pyconcurrent.futures.thread;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntConsumer;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.GuardedTasks;
import dev.pyconcurrent.futures.pool.JobResult;

/**
 * The task tuples of {@link ThreadPool} and the generators that produce them.
 *
 * <p>CPython counterpart: the {@code (job, i, func, args, kwds)} tuples of {@code Lib/multiprocessing/pool.py}, the
 * {@code (taskseq, set_length)} pairs on {@code _taskqueue}, {@code Pool._get_tasks} (chunking),
 * {@code mapstar} (running one chunk) and {@code Pool._guarded_task_generation}, which turns an exception raised by
 * the <em>input iterable</em> into one last task that re-raises it at its position
 * ({@code _helper_reraises_exception}), so the consumer sees it in order.
 */
final class PoolTasks {
    private PoolTasks() {
    }

    /** One unit of work: task {@code index} of job {@code result}. */
    record Task(JobResult result, int index, SerializableCallable<?> call) {
    }

    /** What the task handler reads from the task queue: tasks to forward, and whom to tell their number. */
    record Batch(Iterator<Task> tasks, IntConsumer setLength) {
    }

    /** {@code mapstar}: runs {@code fn} over one chunk, in order. */
    static <A, R> SerializableCallable<List<R>> chunkCall(SerializableFunction<A, R> fn, List<? extends A> chunk) {
        return () -> {
            List<R> out = new ArrayList<>(chunk.size());
            for (A a : chunk) {
                out.add(fn.apply(a));
            }
            return out;
        };
    }

    /**
     * How {@link ThreadPool} builds the tasks of a {@code map}/{@code imap} job (see {@link GuardedTasks}): a call of
     * {@code fn} on one item, {@code mapstar} on a chunk, or the re-raise of an input error.
     */
    static <A> GuardedTasks.Factory<A, Task> factory(JobResult result, SerializableFunction<A, ?> fn) {
        return new GuardedTasks.Factory<>() {
            @Override
            public Task single(int index, A input) {
                return new Task(result, index, () -> fn.apply(input));
            }

            @Override
            public Task chunk(int index, List<A> chunk) {
                return new Task(result, index, chunkCall(fn, chunk));
            }

            @Override
            public Task reraise(int index, Throwable failure) {
                return new Task(result, index, () -> {
                    if (failure instanceof Error) {
                        throw (Error) failure;
                    }
                    throw (RuntimeException) failure;               // GuardedTasks catches only these two
                });
            }
        };
    }
}

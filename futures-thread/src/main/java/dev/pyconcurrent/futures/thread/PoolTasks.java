package dev.pyconcurrent.futures.thread;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntConsumer;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
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
     * {@code _guarded_task_generation} over chunks (or single items when {@code chunksize == 1} and
     * {@code chunked == false}): reads {@code items} lazily, in the task handler's thread.
     */
    static <A, R> Iterator<Task> guarded(JobResult result, SerializableFunction<A, R> fn, Iterable<? extends A> items,
                                         int chunksize, boolean chunked) {
        return new Iterator<>() {
            private Iterator<? extends A> inputs;
            private int index;
            private boolean finished;
            private Task pending;

            @Override
            public boolean hasNext() {
                if (pending == null && !finished) {
                    pending = produce();
                }
                return pending != null;
            }

            @Override
            public Task next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Task t = pending;
                pending = null;
                return t;
            }

            private Task produce() {
                try {
                    if (inputs == null) {
                        inputs = items.iterator();
                    }
                    if (!inputs.hasNext()) {
                        finished = true;
                        return null;
                    }
                    SerializableCallable<?> call;
                    if (chunked) {
                        List<A> chunk = new ArrayList<>(chunksize);
                        while (chunk.size() < chunksize && inputs.hasNext()) {
                            chunk.add(inputs.next());
                        }
                        call = chunkCall(fn, chunk);
                    } else {
                        A a = inputs.next();
                        call = () -> fn.apply(a);
                    }
                    return new Task(result, index++, call);
                } catch (RuntimeException | Error e) {
                    finished = true; // the failing input ends the job, as in CPython
                    return new Task(result, index++, () -> {
                        throw e;
                    });
                }
            }
        };
    }
}

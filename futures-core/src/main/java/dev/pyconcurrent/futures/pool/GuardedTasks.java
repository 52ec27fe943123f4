package dev.pyconcurrent.futures.pool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The lazy task generator of a pool's {@code imap}: reads the input in the task handler's thread, one item or one chunk
 * per task, and turns an exception thrown by the <em>input</em> into one last task that re-raises it at its position.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: Pool._guarded_task_generation} over
 * {@code Pool._get_tasks} (chunks) and {@code _helper_reraises_exception}. Shared by the thread-backed
 * ({@code ThreadPool}) and the process-backed ({@code ProcessPool}) pools; each supplies how its tasks are built.
 *
 * <p>Loop goals: (1) the input is read only as tasks are taken (an infinite input is fine); (2) an input failure is
 * delivered in order, after the tasks before it, and ends the job: a chunk read half-way is dropped with it, as
 * CPython's {@code islice} drops it ({@code test_imap_handle_iterable_exception} counts on that); (3) the first item is
 * read before a task is built, so a failure at any position gets that position's index.
 */
public final class GuardedTasks {
    /**
     * How one pool builds its tasks.
     *
     * @param <A> the input type
     * @param <T> the pool's task type
     */
    public interface Factory<A, T> {
        /** Task {@code index} runs the function on one input. */
        T single(int index, A input);

        /** Task {@code index} runs the function on each input of {@code chunk}, in order (CPython's {@code mapstar}). */
        T chunk(int index, List<A> chunk);

        /** Task {@code index} re-raises {@code failure}, which reading the input threw. */
        T reraise(int index, Throwable failure);
    }

    private GuardedTasks() {
    }

    /**
     * The tasks for {@code items}: one per item, or (when {@code chunked}) one per run of up to {@code chunksize}.
     *
     * @throws IllegalArgumentException if {@code chunked} and {@code chunksize < 1}
     */
    public static <A, T> Iterator<T> of(Iterable<? extends A> items, int chunksize, boolean chunked,
                                        Factory<A, T> factory) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(factory, "factory");
        if (chunked && chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        return new Iterator<>() {
            private Iterator<? extends A> inputs;
            private int index;
            private boolean finished;
            private T pending;

            @Override
            public boolean hasNext() {
                if (pending == null && !finished) {
                    pending = produce();
                }
                return pending != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T task = pending;
                pending = null;
                return task;
            }

            private T produce() {
                try {
                    if (inputs == null) {
                        inputs = items.iterator();
                    }
                    if (!inputs.hasNext()) {
                        finished = true;
                        return null;
                    }
                    if (!chunked) {
                        A input = inputs.next();
                        return factory.single(index++, input);
                    }
                    List<A> chunk = new ArrayList<>(chunksize);
                    while (chunk.size() < chunksize && inputs.hasNext()) {
                        chunk.add(inputs.next());
                    }
                    return factory.chunk(index++, chunk);
                } catch (RuntimeException | Error e) {
                    finished = true;
                    return factory.reraise(index++, e);
                }
            }
        };
    }
}

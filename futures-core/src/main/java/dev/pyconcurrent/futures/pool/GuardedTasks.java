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
 * read before a task is built, so a failure at any position gets that position's index; (4) with a
 * {@link BufferGate} (CPython main's {@code buffersize}), no task is read without a permit, so exactly
 * {@code buffersize} tasks are read ahead of the consumer and a full buffer parks the job instead of blocking the
 * task handler.
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
    public static <A, T> TaskStream<T> of(Iterable<? extends A> items, int chunksize, boolean chunked,
                                          Factory<A, T> factory) {
        return of(items, chunksize, chunked, factory, null);
    }

    /**
     * The tasks for {@code items}, read no further ahead than {@code gate} allows (CPython main's
     * {@code _guarded_task_generation_lazy}): one permit per task (per chunk when chunked), taken before the input
     * is read for it.
     *
     * @param gate the job's back-pressure, or null to read as fast as tasks are taken
     * @throws IllegalArgumentException if {@code chunked} and {@code chunksize < 1}
     */
    public static <A, T> TaskStream<T> of(Iterable<? extends A> items, int chunksize, boolean chunked,
                                          Factory<A, T> factory, BufferGate gate) {
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(factory, "factory");
        if (chunked && chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        return new TaskStream<>(items, chunksize, chunked, factory, gate);
    }

    /**
     * One job's tasks as the task handler reads them. Without a gate it is a plain iterator. With a gate,
     * {@link #hasNext()} is also false while the buffer is full: then {@link #waitingForRoom()} is true and the task
     * handler {@link #parkUntilRoom parks} the job instead of announcing its length.
     *
     * <h2>States (task-handler thread only)</h2>
     * <pre>
     *   READING  -> READING    next(): one task (a permit was taken for it when the gate is set)
     *   READING  -> WAITING    hasNext() found no permit (gate full); READING again on the next hasNext()
     *   READING/WAITING -> FINISHED   the input ended, raised (one re-raise task first) or the gate closed
     * </pre>
     *
     * @param <T> the task type
     */
    public static final class TaskStream<T> implements Iterator<T> {
        private final Iterable<?> items;
        private final int chunksize;
        private final boolean chunked;
        private final Factory<Object, T> factory;
        private final BufferGate gate;
        private Iterator<?> inputs;
        private int index;
        private boolean finished;
        private boolean waiting;
        private T pending;

        @SuppressWarnings("unchecked")
        private <A> TaskStream(Iterable<? extends A> items, int chunksize, boolean chunked, Factory<A, T> factory,
                               BufferGate gate) {
            this.items = items;
            this.chunksize = chunksize;
            this.chunked = chunked;
            this.factory = (Factory<Object, T>) factory; // only ever fed elements of items
            this.gate = gate;
        }

        @Override
        public boolean hasNext() {
            waiting = false;
            if (pending == null && !finished) {
                if (gate != null && !gate.tryAcquire()) {
                    if (gate.isClosed()) {
                        finished = true; // the job was aborted: read nothing more
                    } else {
                        waiting = true;
                    }
                    return false;
                }
                pending = produce();
            }
            return pending != null;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException(waiting ? "the job's buffer is full" : "no more tasks");
            }
            T task = pending;
            pending = null;
            return task;
        }

        /** @return true if the last {@link #hasNext()} was false only because the buffer is full */
        public boolean waitingForRoom() {
            return waiting;
        }

        /**
         * Parks the job at its gate while {@link #waitingForRoom()}.
         *
         * @param resume puts the job back on the task queue; run by the consumer's thread (or by an abort)
         * @return true if parked; false if room appeared meanwhile (read on)
         */
        public boolean parkUntilRoom(Runnable resume) {
            return waiting && gate.park(resume);
        }

        /** @return the number of tasks produced so far (CPython's {@code set_length(idx + 1)} once finished) */
        public int produced() {
            return index;
        }

        /** Reads the input for one task; a permit (if gated) is already taken. */
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
                    Object input = inputs.next();
                    return factory.single(index++, input);
                }
                List<Object> chunk = new ArrayList<>(chunksize);
                while (chunk.size() < chunksize && inputs.hasNext()) {
                    chunk.add(inputs.next());
                }
                return factory.chunk(index++, chunk);
            } catch (RuntimeException | Error e) {
                finished = true;
                return factory.reraise(index++, e);
            }
        }
    }
}

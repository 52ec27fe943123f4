package dev.pyconcurrent.futures.pool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * The half of {@code multiprocessing.Pool} that does not depend on what runs the tasks: it turns each call into a job
 * (a result object in the cache, plus its tasks) and hands the tasks to the back-end's task handler.
 *
 * <p>CPython counterpart: the public methods of {@code Lib/multiprocessing/pool.py: Pool} ({@code apply_async},
 * {@code _map_async}, {@code imap}, {@code imap_unordered}, {@code _check_running}) and the module-global
 * {@code job_counter}. CPython's {@code ThreadPool} is a subclass of {@code Pool} that changes only its queues and
 * workers; here both back-ends ({@code ThreadPool} over threads, {@code ProcessPool} over worker JVMs) extend this class
 * the same way and supply:
 * <ul>
 *   <li>{@link #enqueue}: put one job's tasks on the task queue (CPython's {@code _taskqueue.put((taskseq,
 *       set_length))}); a {@link GuardedTasks.TaskStream} that stops because its buffer is full is parked, not
 *       finished: its length is announced only once it really ends;</li>
 *   <li>{@link #callTask} and {@link #tasksOf}: build a task of their own kind for a call, an item or a chunk;</li>
 *   <li>{@link #brokenException}: what submissions get once the back-end broke (Java only: CPython's pool has no
 *       broken state).</li>
 * </ul>
 *
 * <h2>State transitions (under {@link #lock}; written by the subclass)</h2>
 * <pre>
 *   RUN   -> CLOSE      shutdown() (CPython close()): no more jobs; queued ones run
 *   RUN   -> TERMINATE  terminate()/close(): queued jobs are dropped
 *   CLOSE -> TERMINATE  terminate()
 * </pre>
 * A job is queued under {@link #lock} together with the check that the pool still runs, so a job is either fully
 * queued before a state change or refused after it. A buffered {@code imap} job (CPython main's {@code buffersize})
 * adds no pool state: its {@link BufferGate} lives with its result iterator, and the back-end's task handler parks
 * the job's {@link GuardedTasks.TaskStream} there while the buffer is full (see {@link BufferGate} for its states).
 *
 * @param <T> the back-end's task type
 */
public abstract class AbstractPool<T> implements Pool {
    /** CPython's module-global {@code job_counter}: job numbers are unique across every pool of this JVM. */
    private static final AtomicLong JOB_COUNTER = new AtomicLong();

    /** The number of workers, CPython's {@code _processes}. */
    protected final int processes;
    /** CPython's {@code _cache}: unfinished jobs by number. */
    protected final Map<Long, JobResult> cache;
    /** Guards state changes and the queueing of each job. */
    protected final Object lock = new Object();
    protected volatile PoolState state = PoolState.RUN;

    /**
     * @param processes the number of workers (already validated by the subclass)
     * @param cache     the job cache (a subclass may pass one that signals when it empties, as CPython's
     *                  {@code _PoolCache} does)
     */
    protected AbstractPool(int processes, Map<Long, JobResult> cache) {
        this.processes = processes;
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** The next job number. */
    protected static long nextJob() {
        return JOB_COUNTER.getAndIncrement();
    }

    /** Hands one job's tasks to the task handler; {@code setLength} (or null) is told how many there were. */
    protected abstract void enqueue(Iterator<T> tasks, IntConsumer setLength);

    /** The single task of {@code apply_async(fn)}. */
    protected abstract T callTask(JobResult result, SerializableCallable<?> fn);

    /** How this back-end builds the tasks of {@code map}/{@code imap} over {@code fn} for job {@code result}. */
    protected abstract <A> GuardedTasks.Factory<A, T> tasksOf(JobResult result, SerializableFunction<A, ?> fn);

    /** The exception a submission gets once the back-end broke, or null while it is usable. */
    protected abstract RuntimeException brokenException();

    @Override
    public <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn, Consumer<? super R> callback,
                                         Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(fn, "fn");
        synchronized (lock) {
            checkRunning();
            ApplyResult<R> result = new ApplyResult<>(nextJob(), cache, callback, errorCallback);
            enqueue(List.of(callTask(result, fn)).iterator(), null);
            return result;
        }
    }

    /** CPython's {@code _map_async}: the input is listed first (an input error propagates from here), then chunked. */
    @Override
    public <A, R> AsyncResult<List<R>> mapAsync(SerializableFunction<A, R> fn, Iterable<? extends A> items,
                                                Integer chunksize, Consumer<? super List<R>> callback,
                                                Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(fn, "fn");
        checkRunning(); // fail before reading a possibly long input
        if (chunksize != null && chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        List<A> inputs = new ArrayList<>(); // CPython: list(iterable)
        for (A a : Objects.requireNonNull(items, "items")) {
            inputs.add(a);
        }
        int size = chunksize != null ? chunksize : Pool.defaultChunksize(inputs.size(), processes);
        synchronized (lock) {
            checkRunning();
            MapResult<R> result = new MapResult<>(nextJob(), cache, size, inputs.size(), callback, errorCallback);
            if (!inputs.isEmpty()) {
                GuardedTasks.Factory<A, T> factory = tasksOf(result, fn);
                List<T> tasks = new ArrayList<>(result.chunkCount());
                for (int c = 0, start = 0; start < inputs.size(); c++, start += size) {
                    // A copy, not a subList view: the view would keep the whole input alive while one chunk waits.
                    tasks.add(factory.chunk(c, new ArrayList<>(inputs.subList(start, Math.min(start + size,
                            inputs.size())))));
                }
                enqueue(tasks.iterator(), null);
            }
            return result;
        }
    }

    @Override
    public <A, R> IMapIterator<R> imap(SerializableFunction<A, R> fn, Iterable<? extends A> items, int chunksize,
                                       Integer buffersize) {
        return lazyMap(fn, items, chunksize, buffersize, true);
    }

    @Override
    public <A, R> IMapIterator<R> imapUnordered(SerializableFunction<A, R> fn, Iterable<? extends A> items,
                                                int chunksize, Integer buffersize) {
        return lazyMap(fn, items, chunksize, buffersize, false);
    }

    /**
     * CPython's {@code imap}/{@code imap_unordered}: the input is read lazily by the task handler; with a
     * {@code buffersize} (CPython main) no further than a {@link BufferGate} allows, which the result iterator opens
     * one task at a time as its consumer takes results.
     */
    private <A, R> IMapIterator<R> lazyMap(SerializableFunction<A, R> fn, Iterable<? extends A> items, int chunksize,
                                           Integer buffersize, boolean ordered) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
        Pool.checkBuffersize(buffersize);
        boolean chunked = chunksize > 1;
        BufferGate gate = buffersize == null ? null : new BufferGate(buffersize);
        synchronized (lock) {
            checkRunning();
            long job = nextJob();
            IMapIterator<R> result = ordered ? new IMapIterator<>(job, cache, chunked, gate)
                    : new IMapUnorderedIterator<>(job, cache, chunked, gate);
            enqueue(GuardedTasks.of(items, chunksize, chunked, tasksOf(result, fn), gate), result::setLength);
            return result;
        }
    }

    /** CPython {@code _check_running}, plus the broken check. Callers hold {@link #lock} where it matters. */
    protected final void checkRunning() {
        RuntimeException broken = brokenException();
        if (broken != null) {
            throw broken;
        }
        if (state != PoolState.RUN) {
            throw new IllegalStateException("Pool not running (state " + state + ")");
        }
    }

    @Override
    public int processes() {
        return processes;
    }

    @Override
    public PoolState state() {
        return state;
    }
}

package dev.pyconcurrent.process.mppool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.WaitInterruptedException;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.AbstractPool;
import dev.pyconcurrent.futures.pool.GuardedTasks;
import dev.pyconcurrent.futures.pool.ApplyResult;
import dev.pyconcurrent.futures.pool.AsyncResult;
import dev.pyconcurrent.futures.pool.IMapIterator;
import dev.pyconcurrent.futures.pool.JobResult;
import dev.pyconcurrent.futures.pool.MapResult;
import dev.pyconcurrent.futures.pool.Pool;
import dev.pyconcurrent.futures.pool.PoolState;
import dev.pyconcurrent.ipc.serialization.Serializer;

/**
 * The {@code multiprocessing.Pool} API over worker JVMs: CPython's {@code multiprocessing.Pool}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: Pool}. It is the process twin of
 * {@code dev.pyconcurrent.futures.thread.ThreadPool} ({@code multiprocessing.dummy.Pool}): both extend
 * {@link AbstractPool}, the front half (jobs, result objects such as {@link ApplyResult}, {@link MapResult} and
 * {@link IMapIterator}, chunking, the cache), and supply the back half. The structure is CPython's:
 * <pre>
 *  applyAsync/mapAsync/imap ──▶ cache{job: result} + (tasks, setLength) ──▶ taskQueue
 *  task handler   taskQueue ──▶ inQueue  (job, i, func, args) tasks; then one sentinel per worker
 *  PoolWorker-N   inQueue ──▶ its worker JVM ──▶ (job, i, (ok, value)) ──▶ outQueue
 *  result handler outQueue ──▶ cache[job].set(i, ok, value), callbacks
 *  worker handler changeNotifier (worker exited, cache emptied, close, terminate) ──▶ reap and replace workers
 * </pre>
 * Chunking follows {@link Pool#defaultChunksize}; {@code maxtasksperchild} retires a worker after that many tasks
 * and the worker handler starts a replacement; workers are named {@code PoolWorker-N} and are daemonic (they exit
 * with this JVM: spawned with {@code exitWithParent}). A task's exception keeps its type and gets the worker's stack
 * trace as its cause ({@link dev.pyconcurrent.process.pool.RemoteTraceback}); an exception thrown by the
 * <em>input</em> of {@code imap} surfaces at its position, unwrapped; an unserializable result fails its job with
 * {@link MaybeEncodingException}.
 *
 * <p><b>Why each worker has its own socket.</b> CPython's workers share {@code _inqueue} and {@code _outqueue}, two
 * pipes guarded by locks. Here each worker JVM connects back to the pool (a JVM cannot inherit a pipe) and a
 * parent-side {@code PoolWorker} thread takes tasks from the in-queue on its behalf. The queues keep their roles and
 * the workers still scramble for tasks, but the pool knows which task each worker runs. This reuses the wire format,
 * function cache and spawn path of {@link dev.pyconcurrent.process.pool.ProcessPoolExecutor}
 * ({@link dev.pyconcurrent.process.pool.worker.Wire}, {@code FunctionTable}, {@code MessageChannel}, AppCDS start),
 * but not its executor logic: the {@code multiprocessing.Pool} semantics (jobs, chunks, callbacks, cache) differ.
 *
 * <p>Where Java differs from CPython, on purpose:
 * <ul>
 *   <li><b>A worker that dies mid-task</b> (SIGKILL, OOM killer, {@code System.exit}, a crash) fails that task's job
 *       with {@link WorkerLostException} naming the worker, pid and exit code; the worker is replaced and the pool
 *       stays usable; a task that had not reached the dead worker goes back to the in-queue. CPython loses the task
 *       and {@code get()} hangs forever (bpo-22393).</li>
 *   <li><b>An exception the parent cannot deserialize</b> fails the job with a
 *       {@link dev.pyconcurrent.process.pool.RemoteTraceback} carrying its class, message and trace as text; a result
 *       the parent cannot deserialize fails it with the {@code SerializationException}. CPython hangs (bpo-35311).</li>
 *   <li><b>A failing initializer</b>, or a worker that dies or does not connect before it is ready, breaks the pool:
 *       unfinished and later work fails with {@link BrokenExecutorException} carrying the cause (CPython starts
 *       replacements that fail again, forever), as {@code ThreadPool} does.</li>
 *   <li>{@link #terminate()} fails unfinished results with {@link CancelledException} (CPython leaves them waiting)
 *       and kills the workers: SIGTERM as CPython, then SIGKILL after a grace period.</li>
 *   <li>CPython's {@code close()} is {@link #shutdown()}; {@link #close()} is {@code terminate()} (see {@link Pool}).
 *       {@link #join(Duration)} takes a bound.</li>
 * </ul>
 *
 * <h2>State transitions (under {@link #lock})</h2>
 * <pre>
 *   RUN   -> CLOSE      shutdown(): no new work; the worker handler keeps the pool populated until the cache is
 *                       empty, then the task handler sends one sentinel per worker and everything exits
 *   RUN   -> TERMINATE  terminate()/close(): queues emptied, unfinished results cancelled, workers killed
 *   CLOSE -> TERMINATE  terminate()
 * </pre>
 * Independently, {@link #brokenCause} goes null → set once ({@link #breakPool}); from then on submissions throw
 * {@link BrokenExecutorException}, queued tasks are dropped and no worker is replaced. A buffered {@code imap} job
 * (CPython main's {@code buffersize}) is, in the task handler, FORWARDING → PARKED (buffer full; other jobs go on) →
 * FORWARDING (its consumer made room; back on the task queue) → FINISHED; it stays in the cache throughout, so after
 * shutdown() the workers stay until its consumer has taken its results, as in CPython (gh-155477). CPython's {@code INIT} state is
 * the constructor itself: a constructor that fails terminates and joins the workers it started, then rethrows.
 */
public class ProcessPool extends AbstractPool<PoolTask> {
    private static final Logger LOGGER = LoggerFactory.getLogger("dev.pyconcurrent.process.mppool");
    private static final AtomicLong POOL_COUNTER = new AtomicLong();
    /** How long terminate() lets SIGTERMed workers exit before it kills them. */
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(2);
    /** CPython's {@code None} on the task, in and out queues. */
    static final Object SENTINEL = new Object() {
        @Override
        public String toString() {
            return "SENTINEL";
        }
    };
    /** A wake-up with no content (change notifier, out-queue). */
    static final Object WAKE = new Object();

    /** CPython's {@code (job, i, (success, value))} on the out-queue. */
    record Outcome(long job, int index, boolean ok, Object value) {
    }

    private final int maxTasksPerChild;
    private final Serializer serializer;
    private final Duration workerStartTimeout;
    private final String poolName = "ProcessPool-" + POOL_COUNTER.incrementAndGet();

    /** CPython's {@code _taskqueue}: {@link PoolTask.Batch}es and the sentinel. */
    private final BlockingQueue<Object> taskQueue = new LinkedBlockingQueue<>();
    /** CPython's {@code _inqueue}: tasks and worker sentinels; a deque so an undelivered task can go back in front. */
    private final BlockingDeque<Object> inQueue = new LinkedBlockingDeque<>();
    /** CPython's {@code _outqueue}: {@link Outcome}s, wake-ups and the sentinel. */
    private final BlockingQueue<Object> outQueue = new LinkedBlockingQueue<>();
    /** CPython's {@code _change_notifier}; the cache ({@link PoolCache}) wakes it when the last job leaves. */
    private final BlockingQueue<Object> changeNotifier;
    /** CPython's {@code _pool}, with the socket its workers connect to. */
    private final PoolWorkers workers;
    private final Thread workerHandler;
    private final Thread taskHandler;
    private final Thread resultHandler;
    private volatile Throwable brokenCause;

    /** A pool of one worker per available processor (CPython's {@code processes=None}). */
    public ProcessPool() {
        this(builder());
    }

    /**
     * CPython {@code Pool(processes)}.
     *
     * @param processes the number of worker JVMs, at least 1; null for the available processors
     * @throws IllegalArgumentException if {@code processes < 1} ({@code "Number of processes must be at least 1"})
     */
    public ProcessPool(Integer processes) {
        this(builder().processes(processes));
    }

    /** @return a builder for the other constructor arguments (initializer, maxtasksperchild, JVM options...) */
    public static ProcessPoolBuilder builder() {
        return new ProcessPoolBuilder();
    }

    ProcessPool(ProcessPoolBuilder b) {
        this(b, new LinkedBlockingQueue<>());
    }

    private ProcessPool(ProcessPoolBuilder b, BlockingQueue<Object> changeNotifier) {
        super(validProcesses(b.processes()), new PoolCache(() -> changeNotifier.add(WAKE)));
        this.changeNotifier = changeNotifier;
        int n = this.processes;
        this.maxTasksPerChild = b.maxTasksPerChild() == null ? 0 : b.maxTasksPerChild();
        this.serializer = b.serializer();
        byte[] initializerBytes = serializeInitializer(b);
        this.workerStartTimeout = b.workerStartTimeout();
        WorkerListener listener;
        try {
            listener = new WorkerListener(poolName, serializer, n + 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the socket the pool's workers connect to", e);
        }
        this.workers = new PoolWorkers(this, poolName, serializer, initializerBytes, maxTasksPerChild,
                b.effectiveSpawnOptions(), b.launcher(), listener);
        repopulateOrCleanUp();
        PoolHandlers handlers = new PoolHandlers(this);
        workerHandler = daemon(handlers::handleWorkers, poolName + "-worker-handler");
        taskHandler = daemon(handlers::handleTasks, poolName + "-task-handler");
        resultHandler = daemon(handlers::handleResults, poolName + "-result-handler");
    }

    private byte[] serializeInitializer(ProcessPoolBuilder b) {
        if (b.initializer() == null) {
            return null;
        }
        try {
            return serializer.serialize(b.initializer());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the initializer cannot be serialized: " + e.getMessage(), e);
        }
    }

    /**
     * CPython's {@code __init__}: {@code _repopulate_pool()}, and if a worker cannot be started, terminate and join
     * the ones that were (issue 19675), then re-raise.
     */
    private void repopulateOrCleanUp() {
        try {
            for (int i = 0; i < processes; i++) {
                workers.spawn();
            }
        } catch (IOException e) {
            terminateStartedWorkers();
            throw new UncheckedIOException("cannot start worker " + (workers.size() + 1) + " of " + processes, e);
        } catch (RuntimeException | Error e) {
            terminateStartedWorkers();
            throw e;
        }
    }

    private void terminateStartedWorkers() {
        state = PoolState.TERMINATE; // so the workers' threads do not take these deaths for a broken pool
        workers.terminateAll(TERMINATE_GRACE);
        workers.listener().close();
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true); // CPython's handler threads are daemons too
        t.start();
        return t;
    }

    private static int validProcesses(Integer processes) {
        int n = processes == null ? Runtime.getRuntime().availableProcessors() : processes;
        if (n < 1) {
            throw new IllegalArgumentException("Number of processes must be at least 1, got " + n);
        }
        return n;
    }

    // ------------------------------------------------------------------ the back-end hooks of AbstractPool

    @Override
    protected void enqueue(Iterator<PoolTask> tasks, IntConsumer setLength) {
        taskQueue.add(new PoolTask.Batch(tasks, setLength));
    }

    @Override
    protected PoolTask callTask(JobResult result, SerializableCallable<?> fn) {
        return new PoolTask(result.job(), 0, PoolTask.Kind.CALL, fn, null);
    }

    @Override
    protected <A> GuardedTasks.Factory<A, PoolTask> tasksOf(JobResult result, SerializableFunction<A, ?> fn) {
        return PoolTask.factory(result.job(), fn);
    }

    @Override
    protected RuntimeException brokenException() {
        Throwable cause = brokenCause;
        return cause == null ? null
                : new BrokenExecutorException("the process pool is broken: " + cause.getMessage(), cause);
    }

    /**
     * CPython {@code apply_async(func, (arg,))}. Overridden (the interface would bind {@code fn} and {@code arg} into
     * one callable) so that {@code fn} travels once per worker and later calls send only the argument.
     */
    @Override
    public <A, R> AsyncResult<R> applyAsync(SerializableFunction<A, R> fn, A arg, Consumer<? super R> callback,
                                             Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(fn, "fn");
        synchronized (lock) {
            checkRunning();
            ApplyResult<R> result = new ApplyResult<>(nextJob(), cache, callback, errorCallback);
            PoolTask task = new PoolTask(result.job(), 0, PoolTask.Kind.APPLY, fn, arg);
            taskQueue.add(new PoolTask.Batch(List.of(task).iterator(), null));
            return result;
        }
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    public void shutdown() {
        synchronized (lock) {
            if (state == PoolState.RUN) {
                state = PoolState.CLOSE;
                changeNotifier.add(WAKE);
            }
        }
    }

    /**
     * CPython {@code terminate()} / {@code _terminate_pool}: stop the handlers, drop queued tasks
     * ({@code _help_stuff_finish}), fail unfinished results with {@link CancelledException}, SIGTERM the workers
     * (SIGKILL after a grace period) and join everything, bounded. Idempotent.
     */
    @Override
    public void terminate() {
        synchronized (lock) {
            if (state == PoolState.TERMINATE) {
                return;
            }
            state = PoolState.TERMINATE;
        }
        changeNotifier.add(WAKE);
        taskQueue.clear();
        taskQueue.add(SENTINEL);
        inQueue.clear();
        // Before the workers die: a job's first outcome wins, so theirs must not be "worker lost".
        abortAll(new CancelledException("the pool was terminated before this job finished"));
        outQueue.add(SENTINEL);
        joinThread(workerHandler, TERMINATE_GRACE); // no replacement may start behind our back
        workers.terminateAll(TERMINATE_GRACE);
        if (!join(TERMINATE_GRACE.multipliedBy(3))) {
            LOGGER.warn("{}: some pool threads or workers did not exit after terminate()", this);
        }
        workers.listener().close();
    }

    @Override
    public boolean join(Duration timeout) {
        if (state == PoolState.RUN) {
            throw new IllegalStateException("Pool is still running");
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        for (Thread t : new Thread[] {workerHandler, taskHandler, resultHandler}) {
            if (!joinThread(t, left(deadline))) {
                return false;
            }
        }
        boolean all = workers.awaitFinished(left(deadline));
        if (all && state == PoolState.CLOSE) {
            workers.listener().close();
        }
        return all;
    }

    private static Duration left(long deadline) {
        return deadline == Long.MAX_VALUE ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** @return true if {@code t} ended (or is the calling thread: a callback may call join) */
    private static boolean joinThread(Thread t, Duration timeout) {
        if (t == Thread.currentThread()) {
            return true;
        }
        try {
            if (timeout == null) {
                t.join();
            } else {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("the threads of " + t.getName(), e);
        }
        return !t.isAlive();
    }

    // ------------------------------------------------------------------ used by the handlers and workers

    /** CPython {@code _maintain_pool}: reap exited workers ({@code _join_exited_workers}), start replacements. */
    void maintainPool() {
        workers.reapExited();
        while (workers.size() < processes && state != PoolState.TERMINATE && brokenCause == null) {
            try {
                workers.spawn();
            } catch (IOException | RuntimeException e) {
                breakPool(new BrokenExecutorException("a replacement worker could not be started", e));
            }
        }
        if (state == PoolState.TERMINATE) {
            workers.all().forEach(PoolWorker::kill); // terminate() ran while one was starting
        }
    }

    /** A worker's thread is done and its JVM gone: wake the worker handler (CPython: the worker's sentinel). */
    void workerFinished(PoolWorker worker) {
        changeNotifier.add(WAKE);
    }

    /** A task taken by a worker that died before receiving it: first in line again, unless the pool is going away. */
    void requeue(PoolTask task) {
        if (state != PoolState.TERMINATE && brokenCause == null) {
            inQueue.addFirst(task);
        }
    }

    /** Puts an outcome on the out-queue (CPython's {@code outqueue.put((job, i, result))}). */
    void post(Outcome outcome) {
        outQueue.add(outcome);
    }

    /**
     * The pool cannot go on (an initializer failed, a worker died before it was ready, no worker can be started):
     * fail every unfinished job with {@code reason} and refuse new work. Sentinels already queued stay, so a closed
     * pool still drains and {@code join()} returns.
     */
    void breakPool(BrokenExecutorException reason) {
        synchronized (lock) {
            if (brokenCause != null || state == PoolState.TERMINATE) {
                return;
            }
            brokenCause = reason.getCause() != null ? reason.getCause() : reason;
        }
        LOGGER.error("{} is broken", poolName, reason);
        inQueue.removeIf(o -> o instanceof PoolTask);
        abortAll(reason);
        changeNotifier.add(WAKE);
        outQueue.add(WAKE); // the result handler may be waiting for jobs that just left the cache
    }

    private void abortAll(Throwable reason) {
        for (JobResult r : new ArrayList<>(cache.values())) {
            r.abort(reason);
        }
    }

    Map<Long, JobResult> cache() {
        return cache;
    }

    BlockingQueue<Object> taskQueue() {
        return taskQueue;
    }

    BlockingDeque<Object> inQueue() {
        return inQueue;
    }

    BlockingQueue<Object> outQueue() {
        return outQueue;
    }

    BlockingQueue<Object> changeNotifier() {
        return changeNotifier;
    }

    List<PoolWorker> workers() {
        return workers.all();
    }

    WorkerListener listener() {
        return workers.listener();
    }

    Serializer serializer() {
        return serializer;
    }

    int maxTasksPerChild() {
        return maxTasksPerChild;
    }

    Duration workerStartTimeout() {
        return workerStartTimeout;
    }

    // ------------------------------------------------------------------ inspection



    /**
     * @return the pids of the live workers, in start order (CPython: {@code [w.pid for w in pool._pool]}); a worker
     *         that died is left out at once, even before the worker handler has reaped it
     */
    public List<Long> workerPids() {
        return workers.livePids();
    }

    /** @return the names of the live workers ({@code PoolWorker-N}) */
    public List<String> workerNames() {
        return workers.liveNames();
    }

    /** @return the number of unfinished jobs (CPython's {@code len(pool._cache)}) */
    public int pendingJobs() {
        return cache.size();
    }

    /** @return true once the pool broke (see the class comment); then {@link #brokenCause()} says why */
    public boolean isBroken() {
        return brokenCause != null;
    }

    /** @return why the pool broke, or null */
    public Throwable brokenCause() {
        return brokenCause;
    }

    @Override
    public String toString() {
        return poolName + "[state=" + state + ", pool_size=" + workers.size() + ", pending jobs=" + cache.size()
                + (brokenCause != null ? ", broken" : "") + "]";
    }
}

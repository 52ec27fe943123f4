package dev.pyconcurrent.process.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.MapIterator;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.function.SerializableRunnable;
import dev.pyconcurrent.ipc.serialization.Serializer;

/**
 * Runs calls in a pool of worker JVMs: CPython's {@code concurrent.futures.ProcessPoolExecutor}.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/process.py: ProcessPoolExecutor} (CPython main, with
 * {@code terminate_workers}/{@code kill_workers}). The structure is CPython's:
 * <pre>
 *  submit() ──▶ pendingWorkItems{workId: WorkItem} + workIds queue ──wakeup──▶ ExecutorManagerThread
 *  ExecutorManagerThread ──▶ callQueue (bounded: maxWorkers + EXTRA_QUEUED_CALLS) ──▶ workers scramble for calls
 *    (submit() skips the manager when nothing waits ahead and the call queue has room; a WorkerChannel that takes
 *     a call while work ids wait moves the next one in itself)
 *  workers ──▶ result ──▶ their WorkerChannel thread ──▶ future.setResult / setException
 *  worker deaths ──▶ ExecutorManagerThread ──▶ fail / replace / break
 * </pre>
 * Where Java differs, and why:
 * <ul>
 *   <li><b>Channels.</b> CPython's call and result queues are {@code multiprocessing} queues shared by all workers.
 *       Here every worker has its own Unix-socket {@code Connection} to the pool (private to this user), and a pool-side
 *       {@link WorkerChannel} thread per worker takes calls from the (in-parent) call queue on its worker's behalf
 *       and completes the futures from its results. The call queue thus keeps its role and its bound,
 *       and workers still scramble for calls; but the pool always knows which worker runs which call (so
 *       {@code cancel(true)} and the per-task timeout can kill exactly that worker), a worker's death is seen as EOF
 *       on its own socket right after its last result, and no shared lock can be left held by a dying worker (the
 *       reason CPython needs a separate wakeup pipe). The cross-process {@code Queue} of futures-ipc would add a
 *       remote round trip per {@code get}, too slow for the per-task targets.</li>
 *   <li><b>Fewer thread hops.</b> CPython's manager thread moves every call into the call queue and sets every
 *       future. Here {@code submit} puts a call into the call queue itself when nothing waits ahead of it and there
 *       is room, a {@link WorkerChannel} thread that takes a call while work backs up moves the next waiting call into
 *       the call queue itself (the step CPython's manager does after every result), and the channel thread that
 *       reads a result sets the future itself. The manager alone handles worker deaths, breaking, shutdown and
 *       replacements. Measured reason: each hop is a thread wake-up (5–20 µs on a small VM); a sequential call made
 *       ≈ 5.5 context switches in the parent against 1 for a raw socket ping-pong, and a backlog of 20,000
 *       {@code submit}s drained ≈ 1.5× faster once the channels stopped waking the manager for every call.</li>
 *   <li><b>Wire format.</b> Calls and results are written by {@link dev.pyconcurrent.process.pool.worker.Wire}: plain
 *       values directly, other objects with the pool's {@link Serializer}, and a function shared by many calls
 *       ({@code submit(fn, arg)}, {@code map}) travels once per worker.</li>
 *   <li><b>Start method.</b> Workers are always spawned (a JVM cannot fork), on demand, as CPython does for
 *       spawn/forkserver: {@code submit} starts one only if no worker is idle and fewer than {@code maxWorkers}
 *       exist.</li>
 *   <li><b>{@code System.exit} in a task</b> ends the worker JVM: the pool sees a crash
 *       ({@link TerminatedWorkerException}), not a {@code SystemExit} result as in CPython.</li>
 *   <li><b>Beyond CPython</b> (opt-in via the {@link ProcessPoolExecutorBuilder}, except the first): {@code cancel(true)} on a running
 *       future kills its worker and replaces it; a per-task timeout; {@code replaceCrashedWorkers} (only the call of
 *       a dead worker fails, the pool stays usable); a bound on pending work items with backpressure on
 *       {@code submit}; a {@link PoolTrace} of every hop.</li>
 * </ul>
 *
 * <h2>Executor states (every legal transition)</h2>
 * <pre>
 *   RUNNING  -> SHUTDOWN  shutdown()/close()/terminateWorkers()/killWorkers() or JVM exit: submit now refuses;
 *                         queued work still runs unless cancelFutures; the manager exits when nothing is pending
 *   RUNNING  -> BROKEN    a worker died unexpectedly (unless replaceCrashedWorkers), an initializer failed, a
 *                         result could not be read, or no worker could be started: every pending future fails
 *                         with its own BrokenProcessPoolException, every worker is killed
 *   SHUTDOWN -> BROKEN    the same, while queued work was still running
 * </pre>
 * BROKEN and SHUTDOWN are terminal for {@code submit}. The flags live in {@code broken} and {@code shutdownThread}
 * (CPython's names), written under {@code shutdownLock}.
 */
public class ProcessPoolExecutor extends Executor {
    /** CPython's {@code EXTRA_QUEUED_CALLS}: the call queue holds this many calls more than there are workers. */
    public static final int EXTRA_QUEUED_CALLS = 1;
    /** How long a new worker may take to connect back by default (see {@link ProcessPoolExecutorBuilder#workerStartTimeout}). */
    public static final long DEFAULT_WORKER_START_TIMEOUT_SECONDS = 60;
    static final Duration DEFAULT_WORKER_START_TIMEOUT = Duration.ofSeconds(DEFAULT_WORKER_START_TIMEOUT_SECONDS);

    static final Logger LOGGER = LoggerFactory.getLogger("dev.pyconcurrent.process.pool");
    /** CPython logs initializer failures on the package logger {@code concurrent.futures}. */
    private static final Logger FUTURES_LOGGER = LoggerFactory.getLogger("dev.pyconcurrent.futures");
    /** The exit sentinel (CPython's {@code None} on the call queue). */
    static final WorkItem SENTINEL = new WorkItem(-1, null, null);
    private static final AtomicLong POOL_COUNTER = new AtomicLong();

    final int maxWorkers;
    final int maxTasksPerChild;
    final Serializer serializer;
    final Duration taskTimeout;
    /** Calls one worker may hold at once (1 = CPython's fairness; 2 = one more waits in its socket). */
    final int callsPerWorker;
    final boolean replaceCrashedWorkers;
    final Duration workerStartTimeout;
    final TraceHops trace;
    private final Semaphore pendingPermits;
    final long poolId = POOL_COUNTER.incrementAndGet();

    // ---- CPython's state, same names
    final Map<Long, WorkItem> pendingWorkItems = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> workIds = new ConcurrentLinkedQueue<>();
    final ArrayBlockingQueue<WorkItem> callQueue;
    /**
     * Calls taken by a worker that died before they reached it; put on the call queue again before any new work id
     * (replace mode). Written by the manager; read by channels and {@code submit} to know whether work waits.
     */
    final ConcurrentLinkedDeque<WorkItem> requeued = new ConcurrentLinkedDeque<>();
    /**
     * Every way into the call queue (submit's hand-off, the manager, a channel refilling it), under one lock that
     * keeps it FIFO and within its bound. Never blocks; lock order: shutdownLock, then the feeder's lock.
     */
    final CallQueueFeeder feeder = new CallQueueFeeder(this);
    /** The manager's inbox: wakeups, worker deaths and breaks (CPython's result queue + wakeup pipe + sentinels). */
    final LinkedBlockingQueue<ManagerEvent> inbox = new LinkedBlockingQueue<>();
    final Map<Long, WorkerHandle> processes = new ConcurrentHashMap<>();
    final AtomicInteger idleWorkerNumber = new AtomicInteger();
    final ReentrantLock shutdownLock = new ReentrantLock();
    /**
     * Set by terminateWorkers()/killWorkers() (under shutdownLock): no worker is replaced any more, not even one
     * retiring at maxTasksPerChild in the same instant, and calls still pending fail (CPython main,
     * {@code test_force_shutdown_during_max_tasks_worker_exit}).
     */
    volatile boolean forcedShutdown;
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Guarded by shutdownLock. */
    private long queueCount;
    private ExecutorManagerThread executorManagerThread;
    private final WorkerSpawner spawner;
    volatile boolean shutdownThread;
    volatile boolean cancelPendingFutures;
    volatile String broken;

    /** A pool of {@link Runtime#availableProcessors()} workers (CPython: {@code os.process_cpu_count()}). */
    public ProcessPoolExecutor() {
        this(builder());
    }

    /**
     * @param maxWorkers at most this many worker JVMs
     * @throws IllegalArgumentException if {@code maxWorkers <= 0}
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    ProcessPoolExecutor(ProcessPoolExecutorBuilder b) {
        this.maxWorkers = b.maxWorkers;
        this.maxTasksPerChild = b.maxTasksPerChild;
        this.serializer = b.serializer;
        this.taskTimeout = b.taskTimeout;
        this.callsPerWorker = b.callsPerWorker;
        this.replaceCrashedWorkers = b.replaceCrashedWorkers;
        this.workerStartTimeout = b.workerStartTimeout;
        this.trace = new TraceHops(b.trace);
        this.pendingPermits = b.maxPendingWorkItems > 0 ? new Semaphore(b.maxPendingWorkItems) : null;
        this.callQueue = new ArrayBlockingQueue<>(maxWorkers + EXTRA_QUEUED_CALLS);
        byte[] initializerBytes = null;
        if (b.initializer != null) {
            try {
                initializerBytes = serializer.serialize(b.initializer);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the initializer cannot be serialized: " + e.getMessage(), e);
            }
        }
        this.spawner = new WorkerSpawner(this, initializerBytes, b.spawnOptions.toBuilder()
                .addJvmOptions(WorkerSpawner.startUpOptions(b.spawnOptions.jvmOptions(), b.jvmOptions))
                .addJvmOptions(b.jvmOptions.toArray(new String[0])).exitWithParent(true).keepParentAlive(false).build());
        PoolExitHook.register(this);
    }

    public static ProcessPoolExecutorBuilder builder() {
        return new ProcessPoolExecutorBuilder();
    }

    /** @return the most worker JVMs this pool runs at once */
    public int maxWorkers() {
        return maxWorkers;
    }

    // ------------------------------------------------------------------ submit

    @Override
    @SuppressWarnings("unchecked")
    public <T> Future<T> submit(SerializableCallable<T> task) {
        Objects.requireNonNull(task, "task");
        if (task instanceof ChunkBatcher.Member) {
            return ((ChunkBatcher.Member<T>) task).future();
        }
        if (task instanceof PoolCalls.PoolCall) {
            return (Future<T>) submitCall((PoolCalls.PoolCall) task);
        }
        return (Future<T>) submitCall(new PoolCalls.CallableCall<>(task));
    }

    /** Calls travel as the pool's own wire-ready call type, so {@code submit(fn, arg)} and {@code map} need no wrapper. */
    @Override
    protected <A, R> SerializableCallable<R> bind(SerializableFunction<A, R> fn, A arg) {
        return new PoolCalls.FunctionCall<>(fn, arg);
    }

    @Override
    protected <A, B, R> SerializableCallable<R> bind(SerializableBiFunction<A, B, R> fn, A first, B second) {
        return new PoolCalls.BiFunctionCall<>(fn, first, second);
    }

    /** CPython's {@code submit} body: work item, work id, wakeup, manager thread, process count. */
    Future<Object> submitCall(PoolCalls.PoolCall call) {
        acquirePendingPermit();
        boolean submitted = false;
        shutdownLock.lock();
        try {
            if (broken != null) {
                throw new BrokenProcessPoolException(broken);
            }
            if (shutdownThread) {
                throw new IllegalStateException(PoolExitHook.globalShutdown()
                        ? "cannot schedule new futures after interpreter shutdown"
                        : "cannot schedule new futures after shutdown");
            }
            Future<Object> future = new Future<>();
            WorkItem item = new WorkItem(queueCount++, future, call);
            long workId = item.workId;
            // The hook holds the id, not the item: a future must not keep its call (and what it captured) alive.
            future.setRunningCancelHook(f -> cancelRunning(workId));
            if (pendingPermits != null) {
                future.addDoneCallback(f -> pendingPermits.release());
            }
            pendingWorkItems.put(item.workId, item);
            trace.submitted(item.workId, call); // before the id is visible to a manager thread already running
            if (!feeder.handOver(item)) { // Java-only shortcut: no manager wake-up when nothing waits ahead
                workIds.add(item.workId);
                wakeup();
            }
            startExecutorManagerThread();
            adjustProcessCount();
            submitted = true;
            return future;
        } finally {
            shutdownLock.unlock();
            if (!submitted && pendingPermits != null) {
                pendingPermits.release();
            }
        }
    }

    /** Backpressure: blocks while maxPendingWorkItems calls are pending, but never past a shutdown or a break. */
    private void acquirePendingPermit() {
        if (pendingPermits == null) {
            return;
        }
        try {
            // Goal: wait for a permit, yet notice a shutdown/break within 50 ms instead of blocking forever.
            while (!pendingPermits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                if (broken != null) {
                    throw new BrokenProcessPoolException(broken);
                }
                if (shutdownThread) {
                    throw new IllegalStateException("cannot schedule new futures after shutdown");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.pyconcurrent.futures.WaitInterruptedException(
                    "interrupted while waiting for room among the pending work items", e);
        }
    }

    /** {@code _ThreadWakeup.wakeup()}: coalesced, and never blocks (gh-105829). */
    void wakeup() {
        if (wakeupPending.compareAndSet(false, true)) {
            inbox.add(ManagerEvent.WAKEUP);
        }
    }

    /** Called by the manager when it takes the WAKEUP token. */
    void clearWakeup() {
        wakeupPending.set(false);
    }

    /**
     * The {@link dev.pyconcurrent.futures.RunningCancelHook} of every work item: a call still in the call queue is
     * withdrawn; a call a worker runs is stopped by killing that worker (which the manager then replaces).
     */
    private boolean cancelRunning(long workId) {
        WorkItem item = pendingWorkItems.get(workId);
        if (item == null) {
            return false; // finished (its result is being set) or already failed
        }
        if (item.place.compareAndSet(WorkItem.IN_CALL_QUEUE, WorkItem.WITHDRAWN)) {
            callQueue.remove(item);
            pendingWorkItems.remove(item.workId);
            trace.futureSet(item.workId, "cancelled");
            wakeup(); // room in the call queue
            return true;
        }
        if (item.place.get() == WorkItem.TAKEN) {
            WorkerHandle worker = item.worker;
            if (worker != null) {
                // Flag first, then look: the channel makes a prefetched call current before it clears prefetched and
                // then reads this flag (WorkerChannel.startNext), so either we see it current and kill, or it sees
                // the flag and kills when the call starts.
                item.stopWhenStarted = true;
                if (worker.current == item) {
                    worker.killFor(WorkerHandle.STOPPED_TO_CANCEL);
                    return true;
                }
                if (worker.prefetched == item) {
                    return true;
                }
            }
        }
        return false; // it finished meanwhile (its result is on the way)
    }

    // ------------------------------------------------------------------ map

    @Override
    public <A, R> MapIterator<R> map(SerializableFunction<A, R> fn, Iterable<? extends A> items, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (Objects.requireNonNull(options, "options").chunksize() > 1) {
            // CPython's _get_chunks/_process_chunk: each chunk travels as one call.
            return mapCalls(new ChunkBatcher<>(this, fn, items.iterator(), null, options.chunksize()), options);
        }
        return super.map(fn, items, options); // one call per item, bound by bind()
    }

    @Override
    public <A, B, R> MapIterator<R> map(SerializableBiFunction<A, B, R> fn, Iterable<? extends A> firsts,
                                        Iterable<? extends B> seconds, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(firsts, "firsts");
        Objects.requireNonNull(seconds, "seconds");
        if (Objects.requireNonNull(options, "options").chunksize() > 1) {
            return mapCalls(new ChunkBatcher<>(this, fn, firsts.iterator(), seconds.iterator(), options.chunksize()),
                    options);
        }
        return super.map(fn, firsts, seconds, options);
    }

    // ------------------------------------------------------------------ workers

    /** Guarded by shutdownLock. CPython's {@code _start_executor_manager_thread}. */
    private void startExecutorManagerThread() {
        if (executorManagerThread == null) {
            executorManagerThread = new ExecutorManagerThread(this, "ProcessPoolExecutor-" + poolId + "-manager");
            executorManagerThread.start();
        }
    }

    /** Guarded by shutdownLock. CPython's {@code _adjust_process_count}. */
    void adjustProcessCount() {
        spawner.adjustProcessCount();
    }

    /** Starts one more worker if fewer than maxWorkers exist (a replacement). Takes shutdownLock. */
    void replaceWorker() {
        spawner.replaceWorker();
    }

    /** Closes the socket workers connect to (and so ends the accepter thread). */
    void closeListener() {
        spawner.closeListener();
    }

    void logInitializerFailure(WorkerHandle worker, Throwable failure) {
        FUTURES_LOGGER.error("Exception in initializer of worker pid {}:", worker.pid(), failure);
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * CPython's {@code shutdown(wait=True, *, cancel_futures=False)}: no new submits; with {@code cancelFutures} every
     * call not yet in the call queue is cancelled; the workers exit once the rest has run. With {@code wait}, returns
     * after the manager thread (and through it every worker) finished.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        ExecutorManagerThread manager;
        shutdownLock.lock();
        try {
            if (cancelFutures) {
                cancelPendingFutures = true;
            }
            shutdownThread = true;
            manager = executorManagerThread;
            wakeup();
        } finally {
            shutdownLock.unlock();
        }
        if (manager == null) {
            closeListener();
            return;
        }
        if (wait && manager != Thread.currentThread()) {
            boolean interrupted = false;
            while (manager.isAlive()) {
                try {
                    manager.join();
                } catch (InterruptedException e) {
                    interrupted = true; // CPython's join is not interruptible either; keep the flag
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** CPython main's {@code terminate_workers()}: {@code shutdown(wait=False, cancel_futures=True)}, then SIGTERM. */
    public void terminateWorkers() {
        forceShutdown(false);
    }

    /** CPython main's {@code kill_workers()}: {@code shutdown(wait=False, cancel_futures=True)}, then SIGKILL. */
    public void killWorkers() {
        forceShutdown(true);
    }

    private void forceShutdown(boolean kill) {
        shutdownLock.lock();
        try {
            forcedShutdown = true; // from here no worker is replaced (WorkerSpawner checks it under this lock)
        } finally {
            shutdownLock.unlock();
        }
        shutdown(false, true);
        // Taken after the flag: a replacement spawned before it is in this list, none can start after it.
        List<WorkerHandle> workers = new ArrayList<>(processes.values());
        for (WorkerHandle worker : workers) {
            if (!worker.isAlive()) {
                continue;
            }
            if (kill) {
                worker.killFor(WorkerHandle.STOPPED_FORCEFULLY);
            } else {
                worker.terminateForcefully();
            }
        }
    }

    // ------------------------------------------------------------------ observation (tests, examples)

    /** Process ids of the live workers (CPython's {@code _processes.keys()}). */
    public List<Long> workerPids() {
        List<Long> pids = new ArrayList<>();
        for (WorkerHandle worker : processes.values()) {
            long pid = worker.pid();
            if (pid > 0) {
                pids.add(pid);
            }
        }
        return pids;
    }

    /** @return why the pool is broken, or null (CPython's {@code _broken}) */
    public String brokenReason() {
        return broken;
    }

    /** @return true once the pool is broken */
    public boolean isBroken() {
        return broken != null;
    }

    /** @return true once shutdown started (or the pool broke) */
    public boolean isShutdown() {
        return shutdownThread;
    }

    @Override
    public String toString() {
        return "ProcessPoolExecutor-" + poolId + "[maxWorkers=" + maxWorkers + ", workers=" + processes.size()
                + ", pending=" + pendingWorkItems.size() + (broken != null ? ", broken" : shutdownThread
                ? ", shut down" : "") + "]";
    }

    /** {@code initializer(fn, initarg)} bound into one serializable runnable. */
    record BoundInitializer<A>(dev.pyconcurrent.futures.function.SerializableConsumer<A> fn, A initarg)
            implements SerializableRunnable {
        @Override
        public void run() {
            fn.accept(initarg);
        }
    }
}

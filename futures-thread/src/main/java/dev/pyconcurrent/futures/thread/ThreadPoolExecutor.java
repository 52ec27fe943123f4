package dev.pyconcurrent.futures.thread;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.WaitInterruptedException;
import dev.pyconcurrent.futures.function.SerializableCallable;

/**
 * Runs calls on a pool of at most {@code maxWorkers} threads, started lazily, fed from one work queue.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/thread.py: ThreadPoolExecutor}. The structure is CPython's:
 * {@link WorkItem}s in a work queue; {@code adjustThreadCount} starts a thread only when no idle one is available
 * (the {@code _idle_semaphore}); a {@link Worker} loop; one sentinel object that makes workers exit; a broken state
 * when an initializer fails; and a JVM shutdown hook ({@link InterpreterExit}) for {@code _python_exit}. Where Java
 * differs:
 * <ul>
 *   <li><b>Daemon workers.</b> CPython (3.9+) uses non-daemon threads and joins them from a hook that runs when the
 *       main thread finishes, before non-daemon threads are joined. The JVM has no such moment: a non-daemon idle
 *       worker would keep the JVM alive forever. So workers are daemons and {@link InterpreterExit}'s shutdown hook
 *       (which runs once the last non-daemon thread ended, or on {@code System.exit}) wakes and joins them; queued
 *       work still finishes before the JVM exits, which is what CPython's non-daemon choice is for.</li>
 *   <li><b>Lean submit path.</b> CPython holds the executor lock and the global shutdown lock on every submit. Here
 *       {@link #submit} reads the volatile {@link #state} and the global flag, enqueues, and re-reads them (race
 *       reasoning at {@link #submit}); the executor lock is taken only to start a thread, to shut down and to
 *       break.</li>
 *   <li><b>Optional bounded queue</b> ({@link ThreadPoolExecutorBuilder#maxQueueSize}, {@link QueueFullPolicy}): CPython's queue is
 *       unbounded and can grow until the process runs out of memory, losing every queued task. The default here
 *       stays unbounded.</li>
 *   <li>{@code shutdown(cancelFutures=true)} also acknowledges each cancellation
 *       ({@code set_running_or_notify_cancel}), so {@code Futures.wait}/{@code asCompleted} see those futures as
 *       completed; CPython only cancels them, and a {@code wait()} on one never returns.</li>
 *   <li>CPython's {@code TypeError("initializer must be a callable")} cannot happen with static types.</li>
 * </ul>
 *
 * <h2>State transitions (bits of {@link #state}, all written under {@link #shutdownLock})</h2>
 * <pre>
 *   RUNNING -> SHUTDOWN           shutdown(); or a worker saw the sentinel at JVM exit / after collection
 *   RUNNING -> BROKEN             a worker's initializer threw: queued futures fail with BrokenThreadPoolException
 *   BROKEN  -> BROKEN|SHUTDOWN    shutdown() of a broken pool
 *   SHUTDOWN -> SHUTDOWN|BROKEN   an initializer fails after shutdown() (its queued work fails as above)
 * </pre>
 * Each bit, once set, stays set. {@code submit} is accepted only in RUNNING: BROKEN is reported first
 * ({@link BrokenThreadPoolException}), then SHUTDOWN, then JVM exit (both {@link IllegalStateException}, CPython's
 * {@code RuntimeError}).
 */
public class ThreadPoolExecutor extends Executor {
    /** The wake-up/exit marker in the work queue; CPython's {@code None}. */
    static final Object SENTINEL = new Object() {
        @Override
        public String toString() {
            return "SENTINEL";
        }
    };

    static final int RUNNING = 0;
    static final int SHUTDOWN = 1;
    static final int BROKEN = 2;

    private static final String BROKEN_MESSAGE = "A thread initializer failed, the thread pool is not usable anymore";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "ThreadPoolExecutor-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final int maxWorkers;
    private final String threadNamePrefix;
    private final Runnable initializer;
    /**
     * CPython's {@code _work_queue} ({@code queue.SimpleQueue}): {@link WorkItem}s and {@link #SENTINEL}s. Always
     * unbounded (a bound is enforced by {@link #queueSlots}). A {@link LinkedBlockingQueue}: two locks, so submitters
     * and workers rarely contend, and an exact {@code size()} for monitoring; measured as fast as
     * {@code LinkedTransferQueue} on this path.
     */
    private final BlockingQueue<Object> workQueue = new LinkedBlockingQueue<>();
    /** CPython's {@code _idle_semaphore}: one permit per worker that found the queue empty. */
    private final Semaphore idleSemaphore = new Semaphore(0);
    /** Free places of a bounded queue; null when unbounded. Sentinels never take one, so shutdown never blocks. */
    private final Semaphore queueSlots;
    private final int maxQueueSize;
    private final QueueFullPolicy queueFullPolicy;
    private final Duration blockTimeout;
    /** CPython's {@code _shutdown_lock}. */
    private final ReentrantLock shutdownLock = new ReentrantLock();
    /** CPython's {@code _threads}; guarded by {@link #shutdownLock}. */
    private final Set<Thread> threads = new HashSet<>();
    /** {@code threads.size()}, readable without the lock so a saturated pool's submit skips it. */
    private volatile int threadCount;
    private volatile int state = RUNNING;
    /** What the failing initializer threw; written before the BROKEN bit is published. */
    private volatile Throwable brokenCause;

    /** A pool with CPython's defaults: {@link #defaultMaxWorkers()} threads, an unbounded queue. */
    public ThreadPoolExecutor() {
        this((Integer) null);
    }

    /** @param maxWorkers at most this many threads; null for {@link #defaultMaxWorkers()} */
    public ThreadPoolExecutor(Integer maxWorkers) {
        this(maxWorkers, null);
    }

    /**
     * @param maxWorkers       at most this many threads; null for {@link #defaultMaxWorkers()}
     * @param threadNamePrefix thread names are {@code <prefix>_<n>}; null or empty for
     *                         {@code ThreadPoolExecutor-<pool number>}
     */
    public ThreadPoolExecutor(Integer maxWorkers, String threadNamePrefix) {
        this(builder().maxWorkers(maxWorkers).threadNamePrefix(threadNamePrefix));
    }

    /**
     * CPython {@code ThreadPoolExecutor(max_workers, thread_name_prefix, initializer, initargs)}.
     *
     * @param maxWorkers       at most this many threads; null for {@link #defaultMaxWorkers()}
     * @param threadNamePrefix thread name prefix; null or empty for the default
     * @param initializer      runs in every worker thread before its first call; null for none
     * @param initarg          the initializer's argument (CPython's {@code initargs})
     * @param <A>              the argument type
     */
    public <A> ThreadPoolExecutor(Integer maxWorkers, String threadNamePrefix, Consumer<? super A> initializer,
                                  A initarg) {
        this(builder().maxWorkers(maxWorkers).threadNamePrefix(threadNamePrefix).initializer(initializer, initarg));
    }

    ThreadPoolExecutor(ThreadPoolExecutorBuilder b) {
        int workers = b.maxWorkers == null ? defaultMaxWorkers() : b.maxWorkers;
        if (workers <= 0) {
            throw new IllegalArgumentException("maxWorkers must be greater than 0, got " + workers);
        }
        this.maxWorkers = workers;
        this.threadNamePrefix = b.threadNamePrefix == null || b.threadNamePrefix.isEmpty()
                ? "ThreadPoolExecutor-" + COUNTER.getAndIncrement() : b.threadNamePrefix;
        this.initializer = b.initializer;
        this.maxQueueSize = b.maxQueueSize;
        this.queueSlots = b.maxQueueSize == Integer.MAX_VALUE ? null : new Semaphore(b.maxQueueSize);
        this.queueFullPolicy = b.queueFullPolicy;
        this.blockTimeout = b.blockTimeout;
        BlockingQueue<Object> q = workQueue; // the cleaning action must not capture this
        CLEANER.register(this, () -> q.offer(SENTINEL)); // CPython's weakref_cb
    }

    /** @return CPython's default, {@code min(32, cpu + 4)} with the JVM's available processors */
    public static int defaultMaxWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    /** @return a builder for the options CPython has plus the bounded queue */
    public static ThreadPoolExecutorBuilder builder() {
        return new ThreadPoolExecutorBuilder();
    }

    /**
     * CPython {@code submit(fn)}.
     *
     * <p>Race reasoning for the lock-free path. Shutdown (and breaking) write {@link #state} <em>before</em>
     * posting the sentinel/draining, under {@link #shutdownLock}. A submit that read RUNNING may still enqueue after
     * that sentinel (a lone worker would exit and strand the item) or after the drain. So after enqueueing it reads
     * the state again: the queue's own synchronisation orders "sentinel posted, then our item enqueued" before that
     * read, so if the item landed behind a sentinel or after a drain, the read sees the new state. Then the submit
     * withdraws its item ({@code remove}); if a worker or a drain already took it, that party completes the future
     * (runs, cancels or breaks it), so it is returned as accepted. Either way no accepted item is lost and no
     * withdrawn one ever runs.
     *
     * @throws BrokenThreadPoolException if an initializer failed
     * @throws IllegalStateException     after shutdown or once the JVM is exiting
     * @throws WorkQueueFullException    bounded queue: full under REJECT, or BLOCK timed out
     * @throws WaitInterruptedException  bounded queue: interrupted while BLOCKed for a slot
     */
    @Override
    public <T> Future<T> submit(SerializableCallable<T> task) {
        Objects.requireNonNull(task, "task");
        checkAccepting();
        if (queueSlots != null) {
            acquireSlot();
        }
        Future<T> future = new Future<>();
        WorkItem<T> item = new WorkItem<>(future, task);
        workQueue.offer(item);
        if (state != RUNNING || InterpreterExit.shuttingDown) {
            withdrawOrKeep(item);
        }
        adjustThreadCount();
        return future;
    }

    private void checkAccepting() {
        int s = state;
        if ((s & BROKEN) != 0) {
            throw new BrokenThreadPoolException(BROKEN_MESSAGE, brokenCause);
        }
        // The JVM's exit first (CPython checks the executor's own flag first): the exit hook also shuts this pool
        // down, and a refusal during exit should name the exit whichever of the two flags a racing submit sees set.
        if (InterpreterExit.shuttingDown) {
            throw new IllegalStateException("cannot schedule new futures after interpreter shutdown");
        }
        if ((s & SHUTDOWN) != 0) {
            throw new IllegalStateException("cannot schedule new futures after shutdown");
        }
    }

    /** Slow path of {@link #submit}: the state changed around our enqueue. */
    private void withdrawOrKeep(WorkItem<?> item) {
        if (workQueue.remove(item)) {
            if (queueSlots != null) {
                queueSlots.release();
            }
            checkAccepting(); // throws: the state is no longer RUNNING
            throw new IllegalStateException("cannot schedule new futures after shutdown");
        }
        // taken by a worker (it runs) or by a drain (cancelled or broken): the future will complete
    }

    private void acquireSlot() {
        boolean acquired;
        if (queueFullPolicy == QueueFullPolicy.REJECT) {
            acquired = queueSlots.tryAcquire();
        } else {
            try {
                if (blockTimeout == null) {
                    queueSlots.acquire();
                    acquired = true;
                } else {
                    acquired = queueSlots.tryAcquire(blockTimeout.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException("a free slot in the work queue", e);
            }
        }
        if (!acquired) {
            throw new WorkQueueFullException("work queue full (maxQueueSize=" + maxQueueSize + "), policy "
                    + queueFullPolicy + (queueFullPolicy == QueueFullPolicy.BLOCK ? " waited " + blockTimeout : "")
                    + ": the task was not queued");
        }
        if (state != RUNNING || InterpreterExit.shuttingDown) { // we may have waited through a shutdown
            queueSlots.release();
            checkAccepting();
        }
    }

    /**
     * CPython {@code _adjust_thread_count}: reuse an idle worker if one announced itself, else start a thread if
     * fewer than {@code maxWorkers} exist. Threads are never retired while the pool lives.
     */
    private void adjustThreadCount() {
        if (idleSemaphore.tryAcquire()) {
            return;
        }
        if (threadCount >= maxWorkers) {
            return; // saturated: no lock needed, the count never drops while the pool runs
        }
        shutdownLock.lock();
        try {
            int n = threads.size();
            if (n >= maxWorkers || state != RUNNING) {
                return;
            }
            Thread t = new Thread(new Worker(this, workQueue, idleSemaphore, queueSlots, initializer),
                    threadNamePrefix + "_" + n);
            t.setDaemon(true); // see the class comment: the shutdown hook joins them
            if (InterpreterExit.startAndRegister(t, workQueue)) {
                threads.add(t);
                threadCount = n + 1;
            }
        } finally {
            shutdownLock.unlock();
        }
    }

    /** CPython {@code _initializer_failed}: break the pool and fail every queued call. */
    void initializerFailed(Throwable cause) {
        shutdownLock.lock();
        try {
            if ((state & BROKEN) == 0) {
                brokenCause = cause;
                state |= BROKEN;
            }
            boolean sawSentinel = false;
            for (Object item; (item = workQueue.poll()) != null; ) {
                if (item == SENTINEL) {
                    sawSentinel = true;
                    continue;
                }
                if (queueSlots != null) {
                    queueSlots.release();
                }
                Future<?> f = ((WorkItem<?>) item).future;
                if (f.setRunningOrNotifyCancel()) {
                    f.setException(new BrokenThreadPoolException(BROKEN_MESSAGE, cause));
                }
            }
            if (sawSentinel) {
                workQueue.offer(SENTINEL); // a shutdown is in progress: keep waking the other workers
            }
        } finally {
            shutdownLock.unlock();
        }
    }

    /**
     * CPython {@code shutdown(wait, *, cancel_futures)}. Idempotent. Called from one of this pool's own workers
     * with {@code wait=true}, it does not wait for that worker (CPython would raise "cannot join current thread").
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        List<Thread> toJoin;
        shutdownLock.lock();
        try {
            state |= SHUTDOWN;
            if (cancelFutures) {
                for (Object item; (item = workQueue.poll()) != null; ) {
                    if (item == SENTINEL) {
                        continue;
                    }
                    if (queueSlots != null) {
                        queueSlots.release();
                    }
                    Future<?> f = ((WorkItem<?>) item).future;
                    f.cancel();
                    f.setRunningOrNotifyCancel(); // Java addition: tell wait()/asCompleted() (see class comment)
                }
            }
            workQueue.offer(SENTINEL); // wakes a worker blocked in take(); each exiting worker wakes the next
            toJoin = new ArrayList<>(threads);
        } finally {
            shutdownLock.unlock();
        }
        if (wait) {
            for (Thread t : toJoin) {
                if (t == Thread.currentThread()) {
                    continue;
                }
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WaitInterruptedException("the workers of " + this + " to exit", e);
                }
            }
        }
    }

    boolean isShutdown() {
        return (state & SHUTDOWN) != 0;
    }

    /** A worker saw the sentinel while the JVM exits or after collection: flag it as early as possible. */
    void markShutdown() {
        shutdownLock.lock();
        try {
            state |= SHUTDOWN;
        } finally {
            shutdownLock.unlock();
        }
    }

    /** @return true once an initializer failed (CPython's {@code _broken} is truthy) */
    public boolean isBroken() {
        return (state & BROKEN) != 0;
    }

    /** @return the maximum number of worker threads */
    public int maxWorkers() {
        return maxWorkers;
    }

    /** @return how many worker threads were started so far (CPython's {@code len(_threads)}) */
    public int threadCount() {
        return threadCount;
    }

    /** @return a snapshot of the worker threads (for tests and diagnostics) */
    public List<Thread> threads() {
        shutdownLock.lock();
        try {
            return List.copyOf(threads);
        } finally {
            shutdownLock.unlock();
        }
    }

    /** @return entries in the work queue right now, a shutdown sentinel included (exact; for monitoring) */
    public int queueSize() {
        return workQueue.size();
    }

    /** @return the queue bound, or {@link Integer#MAX_VALUE} when unbounded (CPython's behaviour) */
    public int maxQueueSize() {
        return maxQueueSize;
    }

    @Override
    public String toString() {
        int s = state;
        return "ThreadPoolExecutor[" + threadNamePrefix + ", threads=" + threadCount + "/" + maxWorkers
                + (s == RUNNING ? ", running" : ((s & BROKEN) != 0 ? ", broken" : "") + ((s & SHUTDOWN) != 0 ? ", shutdown" : ""))
                + "]";
    }
}

package dev.pyconcurrent.futures.thread;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.WaitInterruptedException;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.AbstractPool;
import dev.pyconcurrent.futures.pool.GuardedTasks;
import dev.pyconcurrent.futures.pool.JobResult;
import dev.pyconcurrent.futures.pool.Pool;
import dev.pyconcurrent.futures.pool.PoolState;

/**
 * The {@code multiprocessing.Pool} API over threads: {@code multiprocessing.dummy.Pool}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: ThreadPool} (what {@code multiprocessing.dummy.Pool}
 * returns). As CPython's {@code ThreadPool} subclasses {@code Pool}, this class extends {@link AbstractPool}, the front
 * half (jobs, result objects, chunking) it shares with the process-backed pool, and supplies the back half. The structure is CPython's: callers put {@code (tasks, setLength)} batches on a task queue; a task-handler
 * thread reads each batch's input lazily ({@code imap} returns at once) and forwards the tasks to the in-queue; the
 * workers run them and report to the job's result object, found in the {@code cache}; {@code close()} makes the task
 * handler send one sentinel per worker after the queued work. Where Java differs:
 * <ul>
 *   <li>No result-handler thread and out-queue: threads share memory, so a worker reports straight to the result
 *       object; callbacks therefore run in the worker thread (CPython runs them in its result-handler thread). They
 *       must not block, as in CPython.</li>
 *   <li>No worker-handler thread: thread pools have no {@code maxtasksperchild} and their workers do not die, so
 *       there is nothing to repopulate. A failing initializer breaks the pool instead: pending and later work fail
 *       with {@link BrokenExecutorException} carrying the initializer's exception (CPython would restart the worker,
 *       which fails again, forever).</li>
 *   <li>{@code terminate()} fails every unfinished result with {@link CancelledException} (CPython leaves them
 *       waiting forever) and waits for running tasks, since threads cannot be killed (as in CPython).</li>
 *   <li>CPython's {@code close()} is {@link #shutdown()}; {@link #close()} is {@code terminate()} (see {@link Pool}).</li>
 * </ul>
 *
 * <h2>State transitions (under {@link #lock})</h2>
 * <pre>
 *   RUN   -> CLOSE      shutdown(): the task handler forwards what is queued, then one sentinel per worker
 *   RUN   -> TERMINATE  terminate()/close(): queues emptied, sentinels sent, unfinished results cancelled
 *   CLOSE -> TERMINATE  terminate()
 * </pre>
 * Independently, {@link #brokenCause} goes null → set once (initializer failure); from then on submissions throw.
 * A buffered {@code imap} job (CPython main's {@code buffersize}) is, in the task handler, FORWARDING → PARKED (its
 * buffer is full; the handler serves other jobs) → FORWARDING (its consumer made room, the job is back on the task
 * queue) → FINISHED (length announced); after shutdown() the handler's sentinel waits for PARKED jobs to finish.
 * Workers: STARTED → RUNNING (initializer done) → EXITED (sentinel, or initializer failure).
 */
public class ThreadPool extends AbstractPool<PoolTasks.Task> {
    private static final Logger LOGGER = LoggerFactory.getLogger("dev.pyconcurrent.futures.pool");
    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();
    /** CPython's {@code None} on both queues. */
    private static final Object SENTINEL = new Object();

    private final Runnable initializer;
    /** CPython's {@code _taskqueue}: {@link PoolTasks.Batch}es and the close sentinel. */
    private final BlockingQueue<Object> taskQueue = new LinkedTransferQueue<>();
    /** CPython's {@code _inqueue}: {@link PoolTasks.Task}s and worker sentinels. */
    private final BlockingQueue<Object> inQueue = new LinkedTransferQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final Thread taskHandler;
    private volatile Throwable brokenCause;

    /** A pool with one thread per available processor (CPython's {@code processes=None}). */
    public ThreadPool() {
        this(null, null);
    }

    /** @param processes the number of worker threads, at least 1; null for the available processors */
    public ThreadPool(Integer processes) {
        this(processes, null);
    }

    /**
     * CPython {@code ThreadPool(processes, initializer, initargs)}.
     *
     * @param processes   the number of worker threads; null for the available processors
     * @param initializer runs in every worker before its first task; null for none
     * @param initarg     its argument
     * @param <A>         the argument type
     */
    public <A> ThreadPool(Integer processes, Consumer<? super A> initializer, A initarg) {
        this(processes, initializer == null ? null : (Runnable) () -> initializer.accept(initarg));
    }

    /**
     * @param processes   the number of worker threads, at least 1; null for the available processors
     * @param initializer runs in every worker before its first task; null for none
     * @throws IllegalArgumentException if {@code processes < 1} ({@code "Number of processes must be at least 1"})
     */
    public ThreadPool(Integer processes, Runnable initializer) {
        super(validProcesses(processes), new ConcurrentHashMap<>());
        int n = this.processes;
        this.initializer = initializer;
        int poolNumber = POOL_COUNTER.getAndIncrement();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(this::workerLoop, "ThreadPool-" + poolNumber + "_Worker-" + i);
            t.setDaemon(true); // CPython's pool threads are daemons too
            workers.add(t);
        }
        taskHandler = new Thread(this::handleTasks, "ThreadPool-" + poolNumber + "_TaskHandler");
        taskHandler.setDaemon(true);
        workers.forEach(Thread::start);
        taskHandler.start();
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
    protected void enqueue(Iterator<PoolTasks.Task> tasks, IntConsumer setLength) {
        taskQueue.offer(new PoolTasks.Batch(tasks, setLength));
    }

    @Override
    protected PoolTasks.Task callTask(JobResult result, SerializableCallable<?> fn) {
        return new PoolTasks.Task(result, 0, fn);
    }

    @Override
    protected <A> GuardedTasks.Factory<A, PoolTasks.Task> tasksOf(JobResult result, SerializableFunction<A, ?> fn) {
        return PoolTasks.factory(result, fn);
    }

    @Override
    protected RuntimeException brokenException() {
        Throwable cause = brokenCause;
        return cause == null ? null
                : new BrokenExecutorException("A worker initializer failed, the thread pool is not usable anymore",
                        cause);
    }

    // ------------------------------------------------------------------ threads

    /**
     * CPython {@code _handle_tasks}: forwards tasks in queue order; stops at the sentinel or on terminate.
     *
     * <p>Loop goals: (1) a buffered {@code imap} job whose buffer is full is parked at its gate and comes back to the
     * task queue when its consumer makes room, so later jobs are not held up; (2) after {@code shutdown()} the
     * sentinel waits until every parked job has been read to its end (CPython's close(): queued work still runs);
     * only this thread touches {@code parked}, so no lock is needed for it; (3) on terminate, stop at once.
     */
    private void handleTasks() {
        Set<PoolTasks.Batch> parked = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean closing = false;
        try {
            while (!closing || !parked.isEmpty()) {
                Object o = taskQueue.take();
                if (state == PoolState.TERMINATE) {
                    return; // terminate() sends the worker sentinels and cancels the results
                }
                if (o == SENTINEL) {
                    closing = true;
                    continue;
                }
                PoolTasks.Batch batch = (PoolTasks.Batch) o;
                parked.remove(batch);
                if (!forward(batch)) {
                    parked.add(batch);
                }
            }
            for (int i = 0; i < processes; i++) { // close(): all queued tasks are ahead of these
                inQueue.offer(SENTINEL);
            }
        } catch (InterruptedException e) {
            LOGGER.error("task handler of {} interrupted; exiting", this);
        }
    }

    /**
     * Moves one batch's tasks to the in-queue and announces its length.
     *
     * @return false if the batch was parked because its buffer is full (it comes back through the task queue)
     */
    private boolean forward(PoolTasks.Batch batch) {
        int count = 0;
        Iterator<PoolTasks.Task> tasks = batch.tasks();
        while (state != PoolState.TERMINATE) {
            while (state != PoolState.TERMINATE && tasks.hasNext()) {
                inQueue.offer(tasks.next());
                count++;
            }
            if (!(tasks instanceof GuardedTasks.TaskStream<PoolTasks.Task> stream) || !stream.waitingForRoom()) {
                break;
            }
            if (stream.parkUntilRoom(() -> taskQueue.offer(batch))) {
                return false;
            } // else room appeared between hasNext() and park(): read on
        }
        if (state != PoolState.TERMINATE && batch.setLength() != null) {
            int length = tasks instanceof GuardedTasks.TaskStream<PoolTasks.Task> stream ? stream.produced() : count;
            batch.setLength().accept(length);
        }
        return true;
    }

    /** CPython {@code worker()}: initializer, then tasks until the sentinel. */
    private void workerLoop() {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                LOGGER.error("Exception in initializer:", t);
                initializerFailed(t);
                return;
            }
        }
        try {
            while (true) {
                Object o = inQueue.take();
                if (o == SENTINEL) {
                    return;
                }
                PoolTasks.Task task = (PoolTasks.Task) o;
                boolean ok;
                Object outcome;
                try {
                    outcome = task.call().call();
                    ok = true;
                } catch (Throwable t) {
                    outcome = t;
                    ok = false;
                }
                task.result().set(task.index(), ok, outcome);
                task = null; // no stale references to arguments or results (issue 29861)
            }
        } catch (InterruptedException e) {
            LOGGER.error("worker {} interrupted; exiting", Thread.currentThread().getName());
        }
    }

    private void initializerFailed(Throwable cause) {
        synchronized (lock) {
            if (brokenCause == null) {
                brokenCause = cause;
            }
        }
        BrokenExecutorException broken = new BrokenExecutorException(
                "A worker initializer failed, the thread pool is not usable anymore", cause);
        abortAll(broken);
        inQueue.clear();
    }

    private void abortAll(Throwable reason) {
        for (JobResult r : new ArrayList<>(cache.values())) {
            r.abort(reason);
        }
    }

    // ------------------------------------------------------------------ life cycle

    @Override
    public void shutdown() {
        synchronized (lock) {
            if (state == PoolState.RUN) {
                state = PoolState.CLOSE;
                taskQueue.offer(SENTINEL);
            }
        }
    }

    @Override
    public void terminate() {
        synchronized (lock) {
            if (state != PoolState.TERMINATE) {
                state = PoolState.TERMINATE;
                taskQueue.clear();
                taskQueue.offer(SENTINEL);  // wake the task handler if it is idle
                inQueue.clear();            // CPython _help_stuff_finish: queued tasks never run
                for (int i = 0; i < processes; i++) {
                    inQueue.offer(SENTINEL);
                }
            }
        }
        abortAll(new CancelledException("the pool was terminated before this job finished"));
        join(null);
    }

    @Override
    public boolean join(Duration timeout) {
        if (state == PoolState.RUN) {
            throw new IllegalStateException("Pool is still running");
        }
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        List<Thread> all = new ArrayList<>(workers);
        all.add(taskHandler);
        try {
            for (Thread t : all) {
                if (t == Thread.currentThread()) {
                    continue; // join() from a callback: do not wait for ourselves
                }
                if (timeout == null) {
                    t.join();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return all.stream().noneMatch(th -> th != Thread.currentThread() && th.isAlive());
                    }
                    t.join(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("the workers of " + this + " to exit", e);
        }
        return all.stream().noneMatch(th -> th != Thread.currentThread() && th.isAlive());
    }



    /** @return the worker threads (for tests and diagnostics) */
    public List<Thread> workerThreads() {
        return Collections.unmodifiableList(workers);
    }

    /** @return the number of jobs whose results have not all arrived (CPython's {@code len(pool._cache)}) */
    public int pendingJobs() {
        return cache.size();
    }

    @Override
    public String toString() {
        return "ThreadPool[state=" + state + ", processes=" + processes + ", pending jobs=" + cache.size() + "]";
    }
}

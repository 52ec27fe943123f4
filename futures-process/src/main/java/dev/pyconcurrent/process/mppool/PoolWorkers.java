package dev.pyconcurrent.process.mppool;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.pyconcurrent.futures.WaitInterruptedException;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.process.spawn.SpawnOptions;

/**
 * A {@link ProcessPool}'s worker JVMs: starting them, reaping those that exited, stopping them.
 *
 * <p>CPython counterpart: {@code Pool._pool} (the list of worker processes) with the static helpers that manage it in
 * {@code Lib/multiprocessing/pool.py}: {@code _repopulate_pool_static} ({@link #spawn()}), {@code _join_exited_workers}
 * ({@link #reapExited()}), and the worker part of {@code _terminate_pool} ({@link #terminateAll}). Java adds the
 * socket the workers connect back to ({@link WorkerListener}). The list is changed by the pool's constructor, then
 * only by the worker handler thread; everyone else reads snapshots (a copy-on-write list).
 */
final class PoolWorkers {
    /** Numbers the {@code PoolWorker-N} names of every pool of this JVM, as CPython's process counter does. */
    private static final AtomicLong WORKER_COUNTER = new AtomicLong();

    private final ProcessPool pool;
    private final String poolName;
    private final Serializer serializer;
    private final byte[] initializerBytes;
    private final int maxTasksPerChild;
    private final SpawnOptions spawnOptions;
    private final ProcessPoolBuilder.WorkerLauncher launcher;
    private final WorkerListener listener;
    /** CPython's {@code _pool}. */
    private final List<PoolWorker> workers = new CopyOnWriteArrayList<>();

    PoolWorkers(ProcessPool pool, String poolName, Serializer serializer, byte[] initializerBytes,
                int maxTasksPerChild, SpawnOptions spawnOptions, ProcessPoolBuilder.WorkerLauncher launcher,
                WorkerListener listener) {
        this.pool = pool;
        this.poolName = poolName;
        this.serializer = serializer;
        this.initializerBytes = initializerBytes;
        this.maxTasksPerChild = maxTasksPerChild;
        this.spawnOptions = spawnOptions;
        this.launcher = launcher;
        this.listener = listener;
    }

    WorkerListener listener() {
        return listener;
    }

    /** @return the workers not reaped yet (live, or exited since the worker handler last looked) */
    List<PoolWorker> all() {
        return workers;
    }

    int size() {
        return workers.size();
    }

    /** CPython {@code _join_exited_workers}: forget the workers whose thread is done and whose JVM is gone. */
    void reapExited() {
        workers.removeIf(PoolWorker::isFinished);
    }

    /** CPython {@code _repopulate_pool_static} for one worker: launch its JVM and start its thread. */
    void spawn() throws IOException {
        long id = WORKER_COUNTER.incrementAndGet();
        PoolWorker worker = new PoolWorker(pool, id, "PoolWorker-" + id);
        listener.expect(worker);
        try {
            byte[] payload = new PoolWorkerMain(listener.socketPath(), id, serializer, initializerBytes,
                    maxTasksPerChild).toSpawnPayload();
            worker.child = launcher.launch(payload, spawnOptions, poolName + "-" + worker.name);
        } catch (IOException | RuntimeException e) {
            listener.forget(worker);
            throw e;
        }
        workers.add(worker);
        worker.start();
    }

    /**
     * SIGTERM every worker (CPython's {@code p.terminate()}), then SIGKILL those still running after {@code grace},
     * and wait (bounded) for all of them.
     *
     * @return true if every worker is gone
     */
    boolean terminateAll(Duration grace) {
        for (PoolWorker w : workers) {
            w.terminate();
        }
        if (awaitFinished(grace)) {
            return true;
        }
        workers.forEach(PoolWorker::kill);
        return awaitFinished(grace);
    }

    /**
     * Waits for every worker's thread to finish (its JVM is gone by then).
     *
     * @param timeout the bound; null waits without one
     * @return true if all finished
     */
    boolean awaitFinished(Duration timeout) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        try {
            for (PoolWorker w : workers) {
                if (Thread.currentThread().getName().startsWith(w.name + "-")) {
                    continue; // a worker's own thread (e.g. in a callback path) does not wait for itself
                }
                if (timeout == null) {
                    w.finished.await();
                } else if (!w.finished.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("the workers of " + poolName + " to exit", e);
        }
        return true;
    }

    /** @return the pids of the live workers, in start order */
    List<Long> livePids() {
        List<Long> pids = new ArrayList<>();
        for (PoolWorker w : workers) {
            if (w.isAlive()) {
                pids.add(w.pid());
            }
        }
        return pids;
    }

    /** @return the names of the live workers */
    List<String> liveNames() {
        List<String> names = new ArrayList<>();
        for (PoolWorker w : workers) {
            if (w.isAlive()) {
                names.add(w.name);
            }
        }
        return names;
    }
}

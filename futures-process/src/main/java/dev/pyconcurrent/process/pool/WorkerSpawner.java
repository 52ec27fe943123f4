package dev.pyconcurrent.process.pool;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.pyconcurrent.ipc.connection.Listener;
import dev.pyconcurrent.process.pool.worker.HelloAccepter;
import dev.pyconcurrent.process.pool.worker.WorkerMain;
import dev.pyconcurrent.process.spawn.ChildJvmLauncher;
import dev.pyconcurrent.process.spawn.SpawnOptions;

/**
 * Starts a pool's worker JVMs on demand and owns the socket they connect back to.
 *
 * <p>CPython counterpart: {@code ProcessPoolExecutor._adjust_process_count} and {@code _spawn_process}
 * ({@code Lib/concurrent/futures/process.py}) for the spawn/forkserver start methods: no new worker while one is idle
 * ({@code _idle_worker_number}), else one more while fewer than {@code max_workers} exist. Java adds the listener and
 * accepter thread (a JVM cannot hand a socket to its child) and a short-lived keeper thread per start (see
 * {@link #keepJvmAliveUntilConnected}). Called with the pool's {@code shutdownLock} held, except
 * {@link #replaceWorker()} and {@link #closeListener()}, which take it.
 */
final class WorkerSpawner {
    private final ProcessPoolExecutor pool;
    private final byte[] initializerBytes;
    private final SpawnOptions spawnOptions;
    /** Guarded by the pool's shutdownLock. */
    private long nextWorkerId;
    private Listener listener;
    private String socketPath;

    WorkerSpawner(ProcessPoolExecutor pool, byte[] initializerBytes, SpawnOptions spawnOptions) {
        this.pool = pool;
        this.initializerBytes = initializerBytes;
        this.spawnOptions = spawnOptions;
    }

    /**
     * CPython's {@code _adjust_process_count} for spawn: no new worker while one is idle, else one more while fewer
     * than maxWorkers exist. Guarded by pool.shutdownLock.
     */
    void adjustProcessCount() {
        if (tryTakeIdleWorker()) {
            return;
        }
        if (pool.processes.size() < pool.maxWorkers) {
            spawnProcess();
        }
    }

    private boolean tryTakeIdleWorker() {
        while (true) {
            int idle = pool.idleWorkerNumber.get();
            if (idle <= 0) {
                return false;
            }
            if (pool.idleWorkerNumber.compareAndSet(idle, idle - 1)) {
                return true;
            }
        }
    }

    private static final String SELECTOR_PROVIDER_PROPERTY = "java.nio.channels.spi.SelectorProvider";

    /**
     * JVM options that make a worker start faster, unless the user's options already set the same property.
     * {@code -Djava.nio.channels.spi.SelectorProvider=<this JVM's provider class>}: without it the worker's first
     * {@code SocketChannel.open} looks the provider up with a {@code ServiceLoader}, which opens every classpath
     * entry (measured: the first Unix-domain socket took ≈ 37 ms with the benchmarks' 37-entry classpath, ≈ 20 ms
     * with the property). The class is the JDK's own default (the worker runs the same JDK), so nothing changes but
     * the look-up. (Tried and not kept: {@code -Djava.security.egd=file:/dev/urandom}, no measurable change.)
     */
    static String[] startUpOptions(List<String> spawnJvmOptions, List<String> userJvmOptions) {
        String prefix = "-D" + SELECTOR_PROVIDER_PROPERTY + "=";
        for (List<String> options : List.of(spawnJvmOptions, userJvmOptions)) {
            for (String option : options) {
                if (option.startsWith(prefix)) {
                    return new String[0];
                }
            }
        }
        return new String[] {prefix + java.nio.channels.spi.SelectorProvider.provider().getClass().getName()};
    }

    /** Starts one more worker if fewer than maxWorkers exist (a replacement). Takes pool.shutdownLock. */
    void replaceWorker() {
        pool.shutdownLock.lock();
        try {
            if (pool.broken == null && !pool.forcedShutdown && pool.processes.size() < pool.maxWorkers) {
                spawnProcess();
            }
        } finally {
            pool.shutdownLock.unlock();
        }
    }

    /** CPython's {@code _spawn_process}. Guarded by pool.shutdownLock. */
    private void spawnProcess() {
        WorkerHandle worker = new WorkerHandle(nextWorkerId++);
        try {
            ensureListener();
            byte[] payload = new WorkerMain(socketPath, worker.workerId, pool.serializer, initializerBytes,
                    pool.maxTasksPerChild).toSpawnPayload();
            pool.processes.put(worker.workerId, worker);
            worker.child = ChildJvmLauncher.launch(payload, spawnOptions,
                    "ProcessPoolExecutor-" + pool.poolId + "-worker-" + worker.workerId);
        } catch (IOException | RuntimeException e) {
            pool.processes.remove(worker.workerId);
            ProcessPoolExecutor.LOGGER.error("could not start a worker process for {}", pool, e);
            if (pool.processes.isEmpty()) {
                pool.inbox.add(new ManagerEvent.Broken("A worker process could not be started, the process pool is not"
                        + " usable anymore", e));
            }
            return;
        }
        Thread channel = new Thread(new WorkerChannel(pool, worker),
                "ProcessPoolExecutor-" + pool.poolId + "-channel-" + worker.workerId);
        channel.setDaemon(true);
        worker.channelThread = channel;
        channel.start();
        worker.child.onExit().thenRun(worker::onExit);
        keepJvmAliveUntilConnected(worker);
    }

    /**
     * A worker connects by socket path, and the JVM's exit hooks remove socket files. A program that submits and
     * returns from {@code main} at once would otherwise start the JVM's shutdown before its first worker connected,
     * and the work could never run (CPython's {@code _python_exit} waits for it). So a short-lived non-daemon thread
     * holds the JVM until the worker has connected or died (bounded); after that the exit hook waits for the work.
     */
    private void keepJvmAliveUntilConnected(WorkerHandle worker) {
        Thread keeper = new Thread(() -> {
            try {
                worker.connected.get(pool.workerStartTimeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (Exception diedOrTimedOut) {
                // either way the JVM may exit now
            }
        }, "ProcessPoolExecutor-" + pool.poolId + "-start-keeper-" + worker.workerId);
        keeper.setDaemon(false);
        keeper.start();
    }

    private void ensureListener() throws IOException {
        if (listener != null) {
            return;
        }
        // No authkey handshake on the pool's own socket: it lives in this JVM's private 0700 socket directory (see
        // HelloAccepter). The process authkey still reaches the workers (the spawn frame carries it), so tasks can use
        // queues and locks hosted by this JVM.
        listener = new Listener(null, null, pool.maxWorkers + 8);
        socketPath = ((UnixDomainSocketAddress) listener.address()).getPath().toString();
        Thread accepter = new Thread(new HelloAccepter(listener, pool.serializer, id -> {
                    WorkerHandle worker = pool.processes.get(id);
                    return worker == null ? null : worker.connected;
                }),
                "ProcessPoolExecutor-" + pool.poolId + "-accepter");
        accepter.setDaemon(true);
        accepter.start();
    }

    /** Closes the socket workers connect to (and so ends the accepter thread). */
    void closeListener() {
        pool.shutdownLock.lock();
        try {
            if (listener != null) {
                try {
                    listener.close();
                } catch (IOException ignored) {
                    // nothing left to release
                }
            }
        } finally {
            pool.shutdownLock.unlock();
        }
    }
}

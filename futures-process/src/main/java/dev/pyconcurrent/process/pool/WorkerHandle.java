package dev.pyconcurrent.process.pool;

import java.util.concurrent.CompletableFuture;

import dev.pyconcurrent.process.pool.worker.FunctionTable;
import dev.pyconcurrent.process.pool.worker.MessageChannel;
import dev.pyconcurrent.process.spawn.ChildJvm;

/**
 * The pool's view of one worker process: its JVM, its socket, and the thread that feeds it calls.
 *
 * <p>CPython counterpart: an entry of {@code ProcessPoolExecutor._processes} (pid → {@code Process}); the worker's
 * sentinel becomes {@link ChildJvm#onExit()} and the EOF on {@link #connected}'s socket.
 *
 * <h2>States (every legal transition)</h2>
 * <pre>
 *   SPAWNED   -> CONNECTED  the accepter thread matched its HELLO (connected completes normally)
 *   SPAWNED   -> EXITED     the JVM died before connecting (connected completes exceptionally)
 *   CONNECTED -> READY      READY received: the initializer passed; its channel starts taking calls
 *   CONNECTED -> EXITED     INIT_FAILED or EOF
 *   READY     -> EXITED     EXIT answered, retired, killed (cancel, timeout, terminate/kill_workers) or crashed
 * </pre>
 * Only its {@link WorkerChannel} thread reports the exit to the manager, after the last message the worker sent, so
 * the manager always sees a worker's results before its death. {@link #stopReason} is set before the pool kills
 * the worker on purpose, so the death is not mistaken for a crash.
 */
final class WorkerHandle {
    static final int NOT_STOPPED = 0;
    static final int STOPPED_TO_CANCEL = 1;
    static final int STOPPED_ON_TIMEOUT = 2;
    static final int STOPPED_FORCEFULLY = 3;

    final long workerId;
    final CompletableFuture<MessageChannel> connected = new CompletableFuture<>();
    /** The sender half of the function cache; used only by this worker's channel thread. */
    final FunctionTable functions = new FunctionTable();
    volatile ChildJvm child;
    volatile Thread channelThread;
    /** Set by the channel thread when READY arrived: the worker connected and its initializer passed. */
    volatile boolean ready;
    /** Set by the channel thread while it blocks on the call queue (so an exit interrupts it). */
    volatile boolean waitingForCall;
    /** The call the worker is running; written by the channel thread. */
    volatile WorkItem current;
    /** A call sent to the worker that it has not started yet (it waits in its socket); written by the channel thread. */
    volatile WorkItem prefetched;
    volatile int stopReason = NOT_STOPPED;

    WorkerHandle(long workerId) {
        this.workerId = workerId;
    }

    long pid() {
        ChildJvm c = child;
        return c == null ? -1 : c.pid();
    }

    boolean isAlive() {
        ChildJvm c = child;
        return c != null && c.isAlive();
    }

    /** Kills the worker for {@code reason} unless another reason was recorded first; idempotent. */
    void killFor(int reason) {
        synchronized (this) {
            if (stopReason == NOT_STOPPED) {
                stopReason = reason;
            }
        }
        ChildJvm c = child;
        if (c != null) {
            c.kill();
        }
    }

    /** SIGTERM, for {@code terminateWorkers()}. */
    void terminateForcefully() {
        synchronized (this) {
            if (stopReason == NOT_STOPPED) {
                stopReason = STOPPED_FORCEFULLY;
            }
        }
        ChildJvm c = child;
        if (c != null) {
            c.terminate();
        }
    }

    /** Called by the exit watcher: wakes whoever waits on this worker (the channel thread). */
    void onExit() {
        connected.completeExceptionally(new IllegalStateException("worker exited before connecting"));
        Thread t = channelThread;
        if (t != null && waitingForCall) {
            t.interrupt();
        }
    }

    @Override
    public String toString() {
        return "worker#" + workerId + "(pid " + pid() + ")";
    }
}

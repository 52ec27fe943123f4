package dev.pyconcurrent.process.mppool;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.pool.PoolState;
import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.process.pool.worker.FunctionTable;
import dev.pyconcurrent.process.pool.worker.MessageChannel;
import dev.pyconcurrent.process.pool.worker.Wire;
import dev.pyconcurrent.process.pool.worker.WireBuffer;
import dev.pyconcurrent.process.pool.worker.WireReader;
import dev.pyconcurrent.process.spawn.ChildJvm;

/**
 * The parent's view of one worker JVM ({@code PoolWorker-N}) and the thread that carries its tasks and results.
 *
 * <p>CPython counterpart: an entry of {@code Pool._pool} (a daemon {@code Process} named {@code PoolWorker-N}) together
 * with the two ends of the shared queues it uses: in CPython the worker itself calls {@code inqueue.get()} and
 * {@code outqueue.put(...)}. Here this handle's thread takes the worker's next task from the in-queue, sends it over
 * the worker's socket, waits for the answer and puts it on the out-queue. Workers still scramble for tasks, one at a
 * time; what is gained is that the pool knows which task each worker runs, so a worker that dies mid-task fails that
 * task ({@link WorkerLostException}) instead of losing it (CPython's bpo-22393), and a dying worker cannot leave a
 * shared queue lock held.
 *
 * <h2>States (every legal transition)</h2>
 * <pre>
 *   SPAWNED   -> CONNECTED  the listener matched its HELLO (connected completes normally)
 *   SPAWNED   -> EXITED     died and did not connect within CONNECT_GRACE, or did not connect within
 *                           workerStartTimeout (then killed): the pool breaks (unless it is terminating)
 *   CONNECTED -> READY      READY received: the initializer returned
 *   CONNECTED -> EXITED     INIT_FAILED or EOF: the pool breaks (unless it is terminating)
 *   READY     -> EXITED     EXIT answered (sentinel); retired after maxtasksperchild tasks; died (a task in flight
 *                           fails with WorkerLostException, a task not yet sent goes back to the in-queue);
 *                           terminated by terminate()
 * </pre>
 * {@link #finished} opens when the thread is done and the JVM is gone (or was killed after a bounded wait); only then
 * does the worker handler see the worker as exited and replace it. {@link #current} is written only by this thread.
 */
final class PoolWorker {
    /** How long a worker that closed its socket may take to exit before it is killed. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    /** How often the thread looks at a starting worker that has not connected yet. */
    private static final Duration POLL = Duration.ofMillis(50);
    /** How long after a starting worker's death its connection may still be matched by the listener. */
    private static final Duration CONNECT_GRACE = Duration.ofSeconds(1);

    final ProcessPool pool;
    final long workerId;
    final String name;
    final CompletableFuture<MessageChannel> connected = new CompletableFuture<>();
    private final FunctionTable functions = new FunctionTable();
    final CountDownLatch finished = new CountDownLatch(1);
    volatile ChildJvm child;
    private volatile Thread thread;
    /** The task sent to the worker and not answered yet; null between tasks. */
    volatile PoolTask current;
    /** True while the thread blocks on the in-queue, so a death while idle can wake it. */
    private volatile boolean waitingForTask;
    private volatile boolean ready;

    PoolWorker(ProcessPool pool, long workerId, String name) {
        this.pool = pool;
        this.workerId = workerId;
        this.name = name;
    }

    /** Starts the carrying thread once {@link #child} is set. */
    void start() {
        Thread t = new Thread(this::run, name + "-channel");
        t.setDaemon(true);
        thread = t;
        t.start();
        child.onExit().thenRun(this::onExit);
    }

    long pid() {
        ChildJvm c = child;
        return c == null ? -1 : c.pid();
    }

    /** @return true while the worker JVM runs and its thread has not given it up */
    boolean isAlive() {
        ChildJvm c = child;
        return !isFinished() && c != null && c.isAlive();
    }

    boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** CPython's {@code Process.terminate()}: SIGTERM. */
    void terminate() {
        ChildJvm c = child;
        if (c != null) {
            c.terminate();
        }
    }

    /** SIGKILL. */
    void kill() {
        ChildJvm c = child;
        if (c != null) {
            c.kill();
        }
    }

    /** Runs on the JVM's exit watcher: wakes the thread if it waits for work. */
    private void onExit() {
        Thread t = thread;
        if (t != null && waitingForTask) {
            t.interrupt();
        }
    }

    private void run() {
        MessageChannel channel = null;
        try {
            channel = awaitConnection();
            if (channel != null && awaitReady(channel)) {
                serve(channel);
            }
        } finally {
            if (channel != null) {
                channel.close();
            }
            pool.listener().forget(this);
            awaitExitOrKill();
            finished.countDown();
            pool.workerFinished(this);
        }
    }

    /**
     * Waits for the listener to hand over this worker's connection. Goals: return the connection as soon as it is
     * matched, even if the worker has died meanwhile (what it sent, e.g. INIT_FAILED with its reason, is still
     * readable); give up on a worker that died without connecting only after {@link #CONNECT_GRACE}, because the
     * listener may still be matching a HELLO that arrived before the death; kill a worker that neither connects nor
     * dies within workerStartTimeout. Whoever completes {@link #connected} first wins, so a connection matched just
     * after we gave up is taken here and closed, never leaked.
     */
    private MessageChannel awaitConnection() {
        long start = System.nanoTime();
        long diedAt = 0;
        String failure = null;
        try {
            while (failure == null) {
                try {
                    return connected.get(POLL.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    long now = System.nanoTime();
                    if (!child.isAlive()) {
                        diedAt = diedAt == 0 ? now : diedAt;
                        if (now - diedAt >= CONNECT_GRACE.toNanos() || pool.state() == PoolState.TERMINATE) {
                            failure = name + " (pid " + pid() + ") exited with code " + exitCodeText()
                                    + " before it connected to the pool";
                        }
                    } else if (now - start >= pool.workerStartTimeout().toNanos()) {
                        kill();
                        failure = name + " (pid " + pid() + ") did not connect to the pool within "
                                + pool.workerStartTimeout();
                    }
                }
            }
        } catch (ExecutionException | InterruptedException e) {
            kill(); // nobody completes connected exceptionally but us; an interrupt means the pool is going away
            failure = name + " was given up while starting: " + e;
        }
        if (!connected.completeExceptionally(new IllegalStateException(failure))) {
            return connected.join(); // matched at the last moment: read what it sent
        }
        failedBeforeReady(failure, null);
        return null;
    }

    private boolean awaitReady(MessageChannel channel) {
        try {
            WireReader in = channel.receive();
            int tag = in.readByte();
            if (tag == PoolWire.READY) {
                ready = true;
                return true;
            }
            if (tag == PoolWire.INIT_FAILED) {
                Throwable cause = RemoteErrors.rebuild(Wire.readFailure(in, pool.serializer()));
                failedBeforeReady("the initializer raised in " + name + " (pid " + pid() + ")", cause);
            } else {
                kill();
                failedBeforeReady(name + " sent message tag " + tag + " instead of READY", null);
            }
        } catch (IOException | RuntimeException e) {
            failedBeforeReady(name + " (pid " + pid() + ") exited with code " + exitCodeText()
                    + " before it was ready", e);
        }
        return false;
    }

    private void failedBeforeReady(String what, Throwable cause) {
        if (pool.state() != PoolState.TERMINATE) {
            pool.breakPool(new BrokenExecutorException(what + "; the process pool is not usable anymore", cause));
        }
    }

    /** What {@link #serveOne} did. */
    private enum Step { SENT, SKIPPED, STOP }

    /**
     * The worker's life after READY. Goals: every task taken from the in-queue is answered exactly once (by the
     * worker, by a local serialization failure, by {@link WorkerLostException}) or goes back to the in-queue if it
     * never reached the worker; the thread sends no more than {@code maxtasksperchild} tasks, because the worker
     * leaves after that many without asking.
     */
    private void serve(MessageChannel channel) {
        int limit = pool.maxTasksPerChild();
        int sent = 0;
        while (limit == 0 || sent < limit) {
            Step step = serveOne(channel);
            if (step == Step.STOP) {
                return;
            }
            if (step == Step.SENT) {
                sent++;
            }
        }
        // Retired (maxtasksperchild): the worker exits by itself; run()'s finally waits for that.
    }

    /**
     * One task, start to finish. A method of its own so that nothing of the task (its arguments, its result) stays
     * referenced from this thread's stack while it blocks for the next one (CPython's
     * {@code task = job = result = func = args = kwds = None}, issue 29861).
     */
    private Step serveOne(MessageChannel channel) {
        Object next = takeTask();
        if (next == null) {
            return Step.STOP; // the worker died while idle: nothing was lost
        }
        if (next == ProcessPool.SENTINEL) {
            sayGoodbye(channel);
            return Step.STOP;
        }
        PoolTask task = (PoolTask) next;
        WireBuffer out = channel.startMessage();
        try {
            PoolWire.writeTask(out, task, functions, pool.serializer());
        } catch (RuntimeException unserializable) {
            // CPython's task handler: put() failed, so the job gets (False, e) and nothing reaches the worker.
            pool.post(new ProcessPool.Outcome(task.job(), task.index(), false, unserializable));
            return Step.SKIPPED;
        }
        current = task;
        try {
            channel.send();
        } catch (IOException deadBeforeReceiving) {
            current = null;
            pool.requeue(task); // it never reached a live worker: another one runs it
            return Step.STOP;
        }
        ProcessPool.Outcome outcome;
        try {
            outcome = readAnswer(channel.receive(), task);
        } catch (IOException | RuntimeException died) {
            lose(task, died);
            return Step.STOP;
        }
        current = null;
        pool.post(outcome);
        return Step.SENT;
    }

    private Object takeTask() {
        waitingForTask = true;
        try {
            // Goal: block until work arrives, but never stay blocked for a worker that is already dead. The exit
            // watcher interrupts us while waitingForTask; checking after setting the flag closes the window in
            // which it could have died unseen.
            while (true) {
                if (!child.isAlive()) {
                    return null;
                }
                try {
                    return pool.inQueue().take();
                } catch (InterruptedException e) {
                    if (pool.state() == PoolState.TERMINATE) {
                        return null;
                    }
                    // otherwise loop: the check above tells a death from a stray interrupt
                }
            }
        } finally {
            waitingForTask = false;
            // A late interrupt from the exit watcher is harmless: the worker is dead and the next send fails.
            Thread.interrupted();
        }
    }

    private ProcessPool.Outcome readAnswer(WireReader in, PoolTask task) {
        int tag = in.readByte();
        long job = in.readLong();
        int index = in.readInt();
        if (job != task.job() || index != task.index()) {
            throw new IllegalStateException(name + " answered task " + index + " of job " + job + " but was running"
                    + " task " + task.index() + " of job " + task.job());
        }
        switch (tag) {
            case PoolWire.RESULT:
                try {
                    return new ProcessPool.Outcome(job, index, true, Wire.readValue(in, pool.serializer()));
                } catch (SerializationException undeserializable) {
                    return new ProcessPool.Outcome(job, index, false, new SerializationException("the result of task "
                            + index + " of job " + job + " cannot be deserialized in the parent: "
                            + undeserializable.getMessage(), undeserializable.offendingClassName(), undeserializable));
                }
            case PoolWire.ERROR:
                return new ProcessPool.Outcome(job, index, false,
                        RemoteErrors.rebuild(Wire.readFailure(in, pool.serializer())));
            case PoolWire.ENCODING: {
                String exc = in.readString();
                String value = in.readString();
                return new ProcessPool.Outcome(job, index, false, new MaybeEncodingException(exc, value));
            }
            default:
                throw new IllegalStateException(name + " sent unknown message tag " + tag);
        }
    }

    /** The worker died (or broke the protocol) with {@code task} in flight: fail it, unless the pool is terminating. */
    private void lose(PoolTask task, Throwable how) {
        if (!(how instanceof IOException)) {
            kill(); // a worker that breaks the protocol cannot be trusted with the next task
        }
        Integer code = awaitExitCode();
        current = null;
        if (pool.state() == PoolState.TERMINATE) {
            return; // terminate() already cancelled the job
        }
        WorkerLostException lost = new WorkerLostException(name, pid(), code, task.job(), task.index());
        if (!(how instanceof IOException)) {
            lost.initCause(how);
        }
        pool.post(new ProcessPool.Outcome(task.job(), task.index(), false, lost));
    }

    private void sayGoodbye(MessageChannel channel) {
        try {
            channel.startMessage().writeByte(PoolWire.EXIT);
            channel.send();
            channel.receive(); // BYE; EOF if it left first, which is as good
        } catch (IOException | RuntimeException alreadyGone) {
            // the worker is gone either way
        }
    }

    private Integer awaitExitCode() {
        try {
            return child.waitFor(EXIT_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return child.exitCode();
        }
    }

    private void awaitExitOrKill() {
        ChildJvm c = child;
        if (c == null) {
            return;
        }
        if (awaitExitCode() == null) {
            c.kill(); // it closed its socket but does not exit (a non-daemon thread of a task, say)
            awaitExitCode();
        }
    }

    private String exitCodeText() {
        Integer code = awaitExitCode();
        return code == null ? "unknown (still running)" : dev.pyconcurrent.process.spawn.ExitStatus.describe(code);
    }

    @Override
    public String toString() {
        return name + "(pid " + pid() + (isFinished() ? ", exited)" : ready ? ", ready)" : ", starting)");
    }
}

package dev.pyconcurrent.process.pool;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.process.pool.ManagerEvent.GoneReason;
import dev.pyconcurrent.process.pool.worker.MessageChannel;
import dev.pyconcurrent.process.pool.worker.Wire;
import dev.pyconcurrent.process.pool.worker.WireBuffer;
import dev.pyconcurrent.process.pool.worker.WireReader;

/**
 * The pool-side half of one worker: a thread that takes calls from the shared call queue, sends each to its worker,
 * reads the result and sets the call's future (see {@link #completeCall} for why here and not in the manager).
 *
 * <p>CPython counterpart: none as a class. In CPython the worker processes themselves "scramble" for calls on the
 * shared call queue, and the queue's feeder thread pickles the calls. Here each worker has its own socket, and this
 * thread takes calls <em>on the worker's behalf</em> when the worker is free, so the scramble still happens (on the
 * call queue, in the parent) and a queued call goes to whichever worker frees up first. Serializing here also spreads
 * the pickling over one thread per worker, as CPython's feeder thread does off the caller's thread.
 *
 * <p>Loop goals: (1) the worker holds at most {@link #PIPELINE_DEPTH} calls, the one it runs ({@code current}) and
 * one waiting in its socket ({@code prefetched}), so the pool always knows exactly which call a worker runs (what
 * makes {@code cancel(true)} and crash attribution exact) and a busy worker never waits for a round trip between
 * calls; with a per-task timeout it holds one; (2) every message the worker sent is forwarded before its death is
 * reported; (3) nothing here blocks forever: a dead worker means EOF on the socket, or an interrupt from its exit
 * watcher while this thread waits on the call queue.
 */
final class WorkerChannel implements Runnable {
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);
    /**
     * Most calls a worker may hold ({@code callsPerWorker}): the one it runs and one waiting in its socket. Two is
     * enough to hide the round trip between calls; more would only let one worker hoard calls another could take.
     */
    static final int PIPELINE_DEPTH = 2;

    private final ProcessPoolExecutor pool;
    private final WorkerHandle worker;
    private final Serializer serializer;

    WorkerChannel(ProcessPoolExecutor pool, WorkerHandle worker) {
        this.pool = pool;
        this.worker = worker;
        this.serializer = pool.serializer;
    }

    @Override
    public void run() {
        MessageChannel channel;
        try {
            // Bounded: a worker that neither connects nor dies (hung in its start-up) would otherwise keep its calls,
            // the manager, close() and the JVM exit hook waiting forever. Dying before connecting completes this
            // exceptionally (WorkerHandle.onExit); either way the worker was never ready, so the pool breaks.
            channel = worker.connected.get(pool.workerStartTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException hung) {
            IOException why = new IOException("the worker did not connect back to the pool within "
                    + pool.workerStartTimeout + " (workerStartTimeout) and was killed");
            if (!worker.connected.completeExceptionally(why)) {
                run(); // its HELLO arrived in the same instant: go on with the connected channel
                return;
            }
            worker.killFor(WorkerHandle.NOT_STOPPED);
            reportGone(GoneReason.CRASHED, null, null, why);
            return;
        } catch (ExecutionException | InterruptedException neverConnected) {
            reportGone(GoneReason.CRASHED, null, null, null);
            return;
        }
        try (channel) {
            WireReader in = receive(channel);
            int tag = in.readByte();
            if (tag == Wire.INIT_FAILED || tag == Wire.FATAL) {
                Throwable failure = RemoteFailures.rebuild(Wire.readFailure(in, serializer));
                pool.logInitializerFailure(worker, failure);
                reportGone(GoneReason.INITIALIZER_FAILED, null, null, failure);
                return;
            }
            if (tag != Wire.READY) {
                throw new IOException("unexpected first message " + tag + " from " + worker);
            }
            worker.ready = true;
            serve(channel);
        } catch (IOException | RuntimeException channelBroken) {
            // EOF or a broken socket while no call was outstanding (or a protocol error): the worker is gone or
            // useless; kill it to be sure and report.
            ifAliveKill();
            reportGone(GoneReason.CRASHED, worker.current, null, null);
        }
    }

    private void serve(MessageChannel channel) throws IOException {
        // Goals: (1) keep the worker busy: while it runs the head call, the next one already waits in its socket
        // (CPython's workers find the next pickled call in the call-queue pipe the same way), so a busy pool pays no
        // round trip between calls; (2) still know exactly which call the worker runs: the head of inFlight, which
        // the worker started (calls run in arrival order, one at a time), while the second has not started; (3) with
        // a task timeout, one call at a time (the clock of a call starts when it is sent); (4) never send a call to a
        // worker that will retire before reading it (maxTasksPerChild).
        int depth = pool.taskTimeout == null ? pool.callsPerWorker : 1;
        ArrayDeque<WorkItem> inFlight = new ArrayDeque<>(PIPELINE_DEPTH);
        boolean exitTaken = false;
        int sent = 0;
        while (true) {
            if (worker.stopReason != WorkerHandle.NOT_STOPPED) {
                // Killed on purpose (timeout, cancel(true), force shutdown) although a result won the race: it must
                // not take another call, which its death would then wrongly fail.
                reportGone(GoneReason.CRASHED, inFlight.pollFirst(), inFlight.pollFirst(), null);
                return;
            }
            boolean retiresFirst = pool.maxTasksPerChild > 0 && sent >= pool.maxTasksPerChild;
            if (!exitTaken && !retiresFirst && inFlight.size() < depth) {
                WorkItem item = inFlight.isEmpty() ? takeCall() : pollCall();
                if (item == null && inFlight.isEmpty()) {
                    reportGone(GoneReason.CRASHED, null, null, null); // died while idle
                    return;
                }
                if (item == ProcessPoolExecutor.SENTINEL) {
                    exitTaken = true;                      // answered once the calls in flight are done
                } else if (item != null) {
                    int outcome = sendCall(channel, item, inFlight);
                    if (outcome == SEND_WORKER_GONE) {
                        return;
                    }
                    if (outcome == SEND_OK) {
                        sent++;
                    }
                    continue;                              // top up again before waiting
                }
            }
            if (inFlight.isEmpty()) {
                if (exitTaken) {
                    sendExit(channel);
                    return;
                }
                continue;
            }
            WorkItem head = inFlight.peekFirst();
            Duration timeout = pool.taskTimeout;
            if (timeout != null && !pollFor(channel, timeout)) {
                worker.killFor(WorkerHandle.STOPPED_ON_TIMEOUT); // EOF follows
            }
            WireReader in;
            try {
                in = receive(channel);
            } catch (IOException eof) {
                inFlight.pollFirst();
                reportGone(GoneReason.CRASHED, head, inFlight.pollFirst(), null);
                return;
            }
            inFlight.pollFirst();
            if (!forwardResult(head, inFlight.peekFirst(), in)) {
                return;
            }
            startNext(inFlight.peekFirst());
        }
    }

    /**
     * The worker finished the head call and is now running {@code next} (if any): it becomes {@code current}.
     * Order matters for {@code cancelRunning}: {@code current} is written before {@code prefetched} is cleared, so a
     * concurrent cancel always finds the item in one of the two; and a cancel that found it prefetched set
     * {@code stopWhenStarted} before, so it is seen here.
     */
    private void startNext(WorkItem next) {
        worker.current = next;
        worker.prefetched = null;
        if (next != null && next.stopWhenStarted) {
            worker.killFor(WorkerHandle.STOPPED_TO_CANCEL); // cancel(true) arrived while it waited in the socket
        }
    }

    private static final int SEND_OK = 0;
    private static final int SEND_FAILED_HERE = 1;
    private static final int SEND_WORKER_GONE = 2;

    /**
     * Encodes and sends one call, adding it to {@code inFlight}. A call that cannot be serialized fails alone
     * (CPython's {@code _SafeQueue._on_queue_feeder_error}); a failed write means the worker is gone (reported).
     */
    private int sendCall(MessageChannel channel, WorkItem item, ArrayDeque<WorkItem> inFlight) {
        pool.trace.takenByWorker(item.workId, worker.pid());
        WireBuffer out = channel.startMessage();
        try {
            out.writeByte(Wire.CALL).writeLong(item.workId).writeByte(item.call.shape());
            item.call.writeBody(out, worker.functions, serializer);
        } catch (RuntimeException unserializable) {
            forget(item);
            completeCall(item, null, unserializable, false, false);
            return SEND_FAILED_HERE;
        }
        try {
            channel.send();
        } catch (IOException workerGone) {
            forget(item);
            ifAliveKill();
            reportGone(GoneReason.CRASHED, inFlight.pollFirst(), item, null); // this call never reached it
            return SEND_WORKER_GONE;
        }
        inFlight.addLast(item);
        return SEND_OK;
    }

    /** Clears whichever slot of the worker holds {@code item}. */
    private void forget(WorkItem item) {
        if (worker.current == item) {
            worker.current = null;
        }
        if (worker.prefetched == item) {
            worker.prefetched = null;
        }
    }

    /**
     * Completes {@code item} from its result message. Returns false if the worker is gone (after reporting it, with
     * {@code next}, the call waiting in its socket, as never started).
     */
    private boolean forwardResult(WorkItem item, WorkItem next, WireReader in) {
        int tag = in.readByte();
        if (tag == Wire.FATAL) {
            Throwable cause = RemoteFailures.rebuild(Wire.readFailure(in, serializer));
            reportGone(GoneReason.CRASHED, item, next, cause);
            return false;
        }
        long workId = in.readLong();
        boolean retiring = in.readByte() != 0;
        if (workId != item.workId) {
            pool.inbox.add(new ManagerEvent.Broken("worker " + worker.pid() + " answered call #" + workId
                    + " while running call #" + item.workId, null));
            return false;
        }
        Object value = null;
        Throwable failure = null;
        try {
            if (tag == Wire.RESULT) {
                value = Wire.readValue(in, serializer);
            } else if (tag == Wire.ERROR) {
                failure = RemoteFailures.rebuild(Wire.readFailure(in, serializer));
            } else if (tag == Wire.CHUNK) {
                value = readChunk(in);
            } else {
                throw new IllegalArgumentException("unexpected message tag " + tag);
            }
        } catch (RuntimeException unreadable) {
            // CPython: a result that cannot be unpickled breaks the pool (the result queue can no longer be trusted).
            pool.inbox.add(new ManagerEvent.Broken("the result of call #" + workId + " from worker pid "
                    + worker.pid() + " could not be deserialized", unreadable));
            return false;
        }
        worker.current = null;
        pool.trace.resultQueued(workId, worker.pid(), failure != null);
        completeCall(item, value, failure, !retiring, true);
        if (retiring) {
            reportGone(GoneReason.EXITED_AS_ASKED, null, null, null);
            return false;
        }
        return true;
    }

    /**
     * CPython's {@code process_result_item}, run on this thread instead of the manager's (Java divergence: CPython's
     * manager thread sets every future). Handing the result to the manager cost two thread wake-ups per call; the
     * manager keeps everything that needs a global view (deaths, breaking, shutdown, replacements).
     *
     * <p>Races, reasoned: (1) <em>break</em>: {@code terminateBroken} fails every item still in pendingWorkItems with
     * {@code trySetException}; this thread first removes the item and only sets the future if the removal was its
     * own, and both sides use {@code trySet*}, so each future is completed exactly once, by whichever came first.
     * (2) <em>cancel(true)</em>: the cancel hook kills the worker only while {@code worker.current} is this item, and
     * the caller cleared it before coming here; if the kill still landed, the result wins ({@code trySet*}) and the
     * death is reported after it by this same thread, finding the item gone. (3) <em>shutdown</em>: the manager exits
     * once shutdown is flagged and pendingWorkItems is empty, but it only looks after an event; so when the flag is
     * set this thread wakes it after the removal. Either the flag was set before the read here (then we wake it), or
     * it was set after the removal, and shutdown's own wakeup makes the manager look at an empty map. (4) <em>a
     * worker's death</em> is reported by this same thread after this returns, so the manager never sees a death
     * before that worker's last result, as before. (5) the trace: {@code resultQueued} then {@code futureSet}, both
     * before the future is set, on one thread: in order.
     *
     * @param idleAgain the worker is free for the next call (not retiring, and the call reached it)
     * @param fromWorker false when the call failed here before reaching the worker (its serialization)
     */
    private void completeCall(WorkItem item, Object value, Throwable failure, boolean idleAgain, boolean fromWorker) {
        if (idleAgain && fromWorker) {
            pool.idleWorkerNumber.incrementAndGet(); // before the future is set: a submit it triggers sees the idle worker
        }
        WorkItem owned = pool.pendingWorkItems.remove(item.workId);
        if (owned != null) {
            if (failure != null) {
                pool.trace.futureSet(item.workId, "exception");
                item.future.trySetException(failure);
            } else {
                pool.trace.futureSet(item.workId, "result");
                item.future.trySetResult(value);
            }
        }
        if (pool.shutdownThread) {
            pool.wakeup(); // the manager may be waiting for this, the last pending item, before it joins the workers
        }
    }

    private PoolCalls.ChunkResult readChunk(WireReader in) {
        int n = in.readInt();
        Object[] values = new Object[n];
        Throwable[] failures = new Throwable[n];
        for (int i = 0; i < n; i++) {
            if (in.readByte() == 0) {
                values[i] = Wire.readValue(in, serializer);
            } else {
                failures[i] = RemoteFailures.rebuild(Wire.readFailure(in, serializer));
            }
        }
        return new PoolCalls.ChunkResult(values, failures);
    }

    /**
     * Takes a call without blocking for the worker to find when it finishes its current one, or null if none is
     * queued. The call is {@code prefetched}, not {@code current}: the worker has not started it.
     */
    private WorkItem pollCall() {
        while (true) {
            WorkItem item = pool.callQueue.poll();
            if (item == null || item == ProcessPoolExecutor.SENTINEL) {
                return item;
            }
            item.worker = worker;
            worker.prefetched = item;
            if (claim(item)) {
                return item;
            }
            worker.prefetched = null; // cancel(true) withdrew it between the queue and here
        }
    }

    /** IN_CALL_QUEUE -> TAKEN; refills the call queue if calls wait for the room this made in it. */
    private boolean claim(WorkItem item) {
        if (!item.place.compareAndSet(WorkItem.IN_CALL_QUEUE, WorkItem.TAKEN)) {
            return false;
        }
        // Taking made room in the call queue. If calls wait for it, move the next one in here, under the feed lock
        // that keeps them FIFO (waking the manager for it cost a thread wake-up per call under load). If none wait
        // now, a later submit either hands its call over itself or wakes the manager: nothing is left behind.
        if (pool.feeder.callsWaiting()) {
            pool.feeder.fill();
        }
        return true;
    }

    /** Blocks for a call; null if the worker died meanwhile (its exit watcher interrupts this wait). */
    private WorkItem takeCall() {
        worker.waitingForCall = true;
        try {
            while (true) {
                if (!worker.isAlive()) {
                    return null;
                }
                WorkItem item;
                try {
                    item = pool.callQueue.take();
                } catch (InterruptedException exitWatcherWokeUs) {
                    continue; // re-check isAlive()
                }
                if (item == ProcessPoolExecutor.SENTINEL) {
                    return item;
                }
                item.worker = worker;
                worker.current = item;
                if (claim(item)) {
                    return item;
                }
                worker.current = null; // cancel(true) withdrew it between the queue and here
            }
        } finally {
            worker.waitingForCall = false;
            Thread.interrupted(); // a late wake-up must not disturb the socket calls that follow
        }
    }

    private void sendExit(MessageChannel channel) {
        try {
            channel.startMessage().writeByte(Wire.EXIT);
            channel.send();
            receive(channel); // BYE (or EOF, if it died anyway)
        } catch (IOException | RuntimeException alreadyGone) {
            // it is exiting either way
        }
        reportGone(GoneReason.EXITED_AS_ASKED, null, null, null);
    }

    /** Receives, retrying after a stray interrupt (EOF still ends it if the worker is dead). */
    private WireReader receive(MessageChannel channel) throws IOException {
        while (true) {
            try {
                return channel.receive();
            } catch (InterruptedIOException stray) {
                Thread.interrupted();
            }
        }
    }

    private boolean pollFor(MessageChannel channel, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                long left = deadline - System.nanoTime();
                return left > 0 && channel.connection().poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedIOException stray) {
                Thread.interrupted();
            }
        }
    }

    private void ifAliveKill() {
        if (worker.isAlive()) {
            worker.killFor(WorkerHandle.NOT_STOPPED);
        }
    }

    /** Waits for the exit code (the worker is dead or dying), then tells the manager. */
    private void reportGone(GoneReason reason, WorkItem running, WorkItem unsent, Throwable remoteCause) {
        int exitCode = awaitExitCode();
        GoneReason actual = reason;
        if (reason != GoneReason.EXITED_AS_ASKED && reason != GoneReason.INITIALIZER_FAILED) {
            int stop = worker.stopReason;
            if (stop == WorkerHandle.STOPPED_TO_CANCEL) {
                actual = GoneReason.KILLED_TO_CANCEL;
            } else if (stop == WorkerHandle.STOPPED_ON_TIMEOUT) {
                actual = GoneReason.KILLED_ON_TIMEOUT;
            }
        }
        worker.current = null;
        worker.prefetched = null;
        pool.inbox.add(new ManagerEvent.WorkerGone(worker, actual, exitCode, running, unsent, remoteCause));
    }

    private int awaitExitCode() {
        if (worker.child == null) {
            return -1;
        }
        try {
            return worker.child.onExit().get(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            // Its socket is closed but it lives on (e.g. a task's non-daemon thread): it is of no use any more.
            worker.killFor(WorkerHandle.NOT_STOPPED);
        } catch (InterruptedException | ExecutionException e) {
            Thread.interrupted();
        }
        try {
            return worker.child.onExit().get(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return -1;
        }
    }
}

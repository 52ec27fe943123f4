package dev.pyconcurrent.ipc.queues;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostCall;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.HostedResource;
import dev.pyconcurrent.ipc.host.Waits;
import dev.pyconcurrent.ipc.shared.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host-side state of one queue, shared by every process that uses it: the serialized items
 * (never deserialized here), the capacity count, for a joinable queue the unfinished-task count,
 * and the queue-wide shut-down state.
 *
 * <p>CPython counterpart: the pieces of {@code Lib/multiprocessing/queues.py} that live outside a
 * single process: the pipe's contents ({@link #items}), {@code _sem = BoundedSemaphore(maxsize)}
 * ({@link #reserved} counts acquired slots), {@code _unfinished_tasks}/{@code _cond}
 * ({@link #unfinished}) and, on CPython's main branch, the shared shut-down flags
 * ({@link #state}). The reader lock {@code _rlock} is not needed: {@link #take} removes an
 * item under {@link #mon}, so each item goes to exactly one getter.
 *
 * <h2>States of an item and transitions</h2>
 * <pre>
 *   reserve() (bounded or joinable only)   a slot is held, reserved += 1, unfinished += 1
 *   append()                               QUEUED (in items)
 *   take()          QUEUED  -&gt; IN_FLIGHT   removed from items; its slot is still held
 *   delivered()     IN_FLIGHT -&gt; GONE      the reply reached the getter's socket: reserved -= 1
 *   putBack()       IN_FLIGHT -&gt; QUEUED    writing the reply failed (getter died): back at the head
 *   shutdown(true)  QUEUED  -&gt; DROPPED     reserved -= 1, unfinished -= 1 (counts as done)
 *   append()/putBack() after shutdown(true)  -&gt; DROPPED at once, same accounting
 * </pre>
 * A getter that dies while waiting never takes an item (its wait is abandoned within
 * {@link HostProtocol#PEER_CHECK_NANOS}). The one window left: the reply was written into the
 * getter's socket and the getter died before reading it; that item is lost (CPython loses it too,
 * and in CPython a getter killed while holding {@code _rlock} blocks every other getter forever).
 *
 * <h2>States of the queue and transitions</h2>
 * <pre>
 *   ALIVE --shutdown(false)--&gt; SHUT_DOWN       puts refused; gets drain what is queued, then refused;
 *                                               waiting getters on an empty queue and waiting putters wake
 *   ALIVE --shutdown(true)--&gt;  SHUT_DOWN_IMMEDIATE  as SHUT_DOWN, and every queued item is dropped
 *   SHUT_DOWN --shutdown(true)--&gt; SHUT_DOWN_IMMEDIATE (drops what is left)
 *   SHUT_DOWN --shutdown(false)--&gt; SHUT_DOWN; SHUT_DOWN_IMMEDIATE --shutdown(any)--&gt; itself (no-ops)
 * </pre>
 * There is no way back to ALIVE (as CPython's {@code is_shutdown} never resets). {@link #flag}
 * mirrors {@link #state} in shared memory, written under {@link #mon} after {@link #state}, so
 * proxies refuse a put without a round trip (CPython: {@code _sem_flag_shutdown}, a shared
 * semaphore read by every process).
 *
 * <p>Items already on their way when the queue is shut down (in a proxy's feeder buffer, or in the
 * socket): a put that returned before the shut-down is a put that happened, so after
 * {@code shutdown(false)} its item is still queued when it arrives and a getter can take it; after
 * {@code shutdown(true)} it is dropped on arrival and counted as done, exactly as if it had been
 * queued at the time. (The CPython main-branch code read for this makes the same choice in the
 * feeder thread, which stops writing regular items to the pipe once the immediate flag is set; here
 * the host drops them, because the slot and task counts live here.)
 */
final class QueueCore implements HostedResource {
    static final byte OP_GET = HostProtocol.FIRST_RESOURCE_OP;
    static final byte OP_RESERVE = OP_GET + 1;
    static final byte OP_SIZE = OP_GET + 2;
    static final byte OP_TASK_DONE = OP_GET + 3;
    static final byte OP_JOIN = OP_GET + 4;
    static final byte OP_SHUTDOWN = OP_GET + 5;

    /** The byte after a {@link HostProtocol#STATUS_FALSE} reply to GET or RESERVE: why there was no item or slot. */
    static final byte REFUSED_TIMEOUT = 0;
    static final byte REFUSED_SHUT_DOWN = 1;

    /** Queue-wide states (see the class comment); also the values of {@link #flag}. */
    static final int ALIVE = 0;
    static final int SHUT_DOWN = 1;
    static final int SHUT_DOWN_IMMEDIATE = 2;

    private final String name;
    /** 0 = unbounded. */
    private final int maxsize;
    private final boolean joinable;
    private final ReentrantLock mon = new ReentrantLock();
    private final Condition notEmpty = mon.newCondition();
    private final Condition notFull = mon.newCondition();
    private final Condition allTasksDone = mon.newCondition();
    private final ArrayDeque<byte[]> items = new ArrayDeque<>();
    /** Slots held by puts whose item has not been delivered yet (bounded queues only). */
    private int reserved;
    private long unfinished;
    /** ALIVE, SHUT_DOWN or SHUT_DOWN_IMMEDIATE; written under {@link #mon}, read without it by {@link #state()}. */
    private volatile int state = ALIVE;
    /** {@link #state} in shared memory for proxies; created on the first export (null until then). */
    private Value flag;
    /** Items dropped by an immediate shut-down, on the spot or on arrival. */
    private long dropped;

    QueueCore(String name, int maxsize, boolean joinable) {
        this.name = name;
        this.maxsize = Math.max(0, maxsize);
        this.joinable = joinable;
    }

    @Override
    public String describe() {
        return name;
    }

    // ---------------------------------------------------------------- put side

    /**
     * Takes a capacity slot (bounded) and counts an unfinished task (joinable), waiting up to
     * {@code timeoutNanos} for a slot; the proxy's first half of {@code put}. Returns false if
     * none freed up in time.
     *
     * @throws QueueShutDownException if the queue is shut down, before or during the wait
     */
    boolean reserve(long timeoutNanos, Caller caller) throws InterruptedException {
        mon.lock();
        try {
            return awaitSlot(timeoutNanos, caller);
        } finally {
            mon.unlock();
        }
    }

    /** The whole {@code put} of the host JVM: {@link #reserve} and append under one lock hold, so no shut-down slips in between. */
    boolean put(byte[] item, long timeoutNanos, Caller caller) throws InterruptedException {
        mon.lock();
        try {
            if (!awaitSlot(timeoutNanos, caller)) {
                return false;
            }
            items.addLast(item);
            notEmpty.signal();
            return true;
        } finally {
            mon.unlock();
        }
    }

    private boolean awaitSlot(long timeoutNanos, Caller caller) throws InterruptedException {
        refuseIfShutDown();
        if (maxsize > 0) {
            // a shut-down wakes the wait too: a putter blocked on a full queue must not hang
            if (!Waits.await(notFull, () -> reserved < maxsize || state != ALIVE, timeoutNanos, caller)) {
                return false;
            }
            refuseIfShutDown();
            reserved++;
        }
        if (joinable) {
            unfinished++;
        }
        return true;
    }

    /** An item streamed by a proxy (its slot and task were reserved earlier, if any). */
    void append(byte[] item) {
        mon.lock();
        try {
            if (state == SHUT_DOWN_IMMEDIATE) {
                dropLocked(1);                              // put before the shut-down, arrived after it
                return;
            }
            items.addLast(item);
            notEmpty.signal();
        } finally {
            mon.unlock();
        }
    }

    // ---------------------------------------------------------------- get side

    /**
     * Removes the head item, waiting up to {@code timeoutNanos}; null on timeout. Its slot stays held.
     *
     * @throws QueueShutDownException if the queue is shut down and empty, before or during the wait
     */
    byte[] take(long timeoutNanos, Caller caller) throws InterruptedException {
        mon.lock();
        try {
            if (!Waits.await(notEmpty, () -> !items.isEmpty() || state != ALIVE, timeoutNanos, caller)) {
                return null;
            }
            if (items.isEmpty()) {
                throw shutDown();                           // shut down and nothing left to drain
            }
            byte[] item = items.pollFirst();
            if (!items.isEmpty()) {
                notEmpty.signal();                          // hand the next item on at once
            }
            return item;
        } finally {
            mon.unlock();
        }
    }

    /** The taken item reached its getter: free its slot. */
    void delivered() {
        if (maxsize == 0) {
            return;
        }
        mon.lock();
        try {
            reserved--;
            notFull.signal();
        } finally {
            mon.unlock();
        }
    }

    /**
     * The taken item could not be handed over: it goes back to the head, keeping its slot; or, if
     * an immediate shut-down came in the meantime, it is dropped as the queued items were.
     */
    void putBack(byte[] item) {
        mon.lock();
        try {
            if (state == SHUT_DOWN_IMMEDIATE) {
                dropLocked(1);
                return;
            }
            items.addFirst(item);
            notEmpty.signal();
        } finally {
            mon.unlock();
        }
    }

    // ---------------------------------------------------------------- tasks

    void taskDone() {
        mon.lock();
        try {
            if (unfinished == 0) {
                throw new IllegalStateException("task_done() called too many times");
            }
            if (--unfinished == 0) {
                allTasksDone.signalAll();
            }
        } finally {
            mon.unlock();
        }
    }

    /** Not refused after a shut-down (as CPython's {@code join}): it returns once the count reaches zero. */
    boolean join(long timeoutNanos, Caller caller) throws InterruptedException {
        mon.lock();
        try {
            return Waits.await(allTasksDone, () -> unfinished == 0, timeoutNanos, caller);
        } finally {
            mon.unlock();
        }
    }

    // ---------------------------------------------------------------- shut-down

    /**
     * CPython's {@code shutdown(immediate)}: refuses further puts, wakes every waiting getter and
     * putter (each re-checks and is refused, unless a getter finds an item to drain), and with
     * {@code immediate} drops the queued items, counting each as done. Idempotent.
     */
    void shutdown(boolean immediate) {
        mon.lock();
        try {
            int next = immediate ? SHUT_DOWN_IMMEDIATE : Math.max(state, SHUT_DOWN);
            if (next != state) {
                state = next;
                if (flag != null) {
                    flag.set(next);
                }
            }
            if (immediate) {
                int n = items.size();
                items.clear();
                dropLocked(n);
            }
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            mon.unlock();
        }
    }

    int state() {
        return state;
    }

    /**
     * The shared-memory mirror of {@link #state} that proxies read, created on first use with the
     * current state (under {@link #mon}, so a concurrent shut-down cannot be missed).
     */
    Value sharedFlag() {
        mon.lock();
        try {
            if (flag == null) {
                flag = new Value('i', state, false);
            }
            return flag;
        } finally {
            mon.unlock();
        }
    }

    /** Items dropped by an immediate shut-down so far (for tests and monitoring). */
    long droppedItems() {
        mon.lock();
        try {
            return dropped;
        } finally {
            mon.unlock();
        }
    }

    /** {@code n} items leave without a getter: their slots are freed and, joinable, they count as done. */
    private void dropLocked(int n) {
        if (n == 0) {
            return;
        }
        dropped += n;
        if (maxsize > 0) {
            reserved -= n;
            notFull.signalAll();
        }
        if (joinable) {
            unfinished = Math.max(0, unfinished - n);       // every dropped item was counted; never below 0
            if (unfinished == 0) {
                allTasksDone.signalAll();
            }
        }
    }

    private void refuseIfShutDown() {
        if (state != ALIVE) {
            throw shutDown();
        }
    }

    private QueueShutDownException shutDown() {
        return new QueueShutDownException(name + " is shut down");
    }

    /** {items queued, slots reserved, unfinished tasks}. */
    long[] sizes() {
        mon.lock();
        try {
            return new long[] {items.size(), reserved, unfinished};
        } finally {
            mon.unlock();
        }
    }

    // ---------------------------------------------------------------- remote callers

    @Override
    public void serve(byte op, ByteBuffer args, HostCall call) throws IOException, InterruptedException {
        switch (op) {
            case OP_GET -> {
                byte[] item;
                try {
                    item = take(args.getLong(), call.caller());
                } catch (QueueShutDownException e) {
                    refuse(call, REFUSED_SHUT_DOWN);
                    return;
                }
                if (item == null) {
                    refuse(call, REFUSED_TIMEOUT);
                    return;
                }
                call.reply(HostProtocol.STATUS_OK).putBytes(item, 0, item.length);
                try {
                    call.send();
                } catch (IOException | RuntimeException e) {
                    putBack(item);                          // never lose an item to a dead getter
                    throw e;
                }
                delivered();
            }
            case OP_RESERVE -> {
                boolean got;
                try {
                    got = reserve(args.getLong(), call.caller());
                } catch (QueueShutDownException e) {
                    refuse(call, REFUSED_SHUT_DOWN);
                    return;
                }
                if (got) {
                    call.ok();
                } else {
                    refuse(call, REFUSED_TIMEOUT);
                }
            }
            case OP_SIZE -> {
                long[] s = sizes();
                call.reply(HostProtocol.STATUS_OK).putLong(s[0]).putLong(s[1]).putLong(s[2]);
                call.send();
            }
            case OP_TASK_DONE -> {
                taskDone();
                call.ok();
            }
            case OP_JOIN -> call.answer(join(args.getLong(), call.caller()));
            case OP_SHUTDOWN -> {
                shutdown(args.get() != 0);
                call.ok();
            }
            default -> throw new IllegalArgumentException(name + ": unknown op " + op);
        }
    }

    private static void refuse(HostCall call, byte reason) throws IOException {
        call.reply(HostProtocol.STATUS_FALSE).putByte(reason);
        call.send();
    }

    @Override
    public void serveStream(byte op, ByteBuffer frame) {
        if (op == HostProtocol.OP_PUT) {
            byte[] item = new byte[frame.remaining()];
            frame.get(item);
            append(item);
            return;
        }
        if (op != HostProtocol.OP_PUT_BATCH) {
            throw new IllegalArgumentException(name + ": unknown stream op " + op);
        }
        int count = frame.getInt();
        mon.lock();
        try {
            if (state == SHUT_DOWN_IMMEDIATE) {
                dropLocked(count);                          // put before the shut-down, arrived after it
                return;
            }
            for (int i = 0; i < count; i++) {
                byte[] item = new byte[frame.getInt()];
                frame.get(item);
                items.addLast(item);
            }
            if (count == 1) {
                notEmpty.signal();
            } else {
                notEmpty.signalAll();
            }
        } finally {
            mon.unlock();
        }
    }
}

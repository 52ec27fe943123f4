package dev.pyconcurrent.ipc.queues;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostCall;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.HostedResource;
import dev.pyconcurrent.ipc.host.Waits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host-side state of one queue, shared by every process that uses it: the serialized items
 * (never deserialized here), the capacity count and, for a joinable queue, the unfinished-task
 * count.
 *
 * <p>CPython counterpart: the pieces of {@code Lib/multiprocessing/queues.py} that live outside a
 * single process: the pipe's contents ({@link #items}), {@code _sem = BoundedSemaphore(maxsize)}
 * ({@link #reserved} counts acquired slots) and {@code _unfinished_tasks}/{@code _cond}
 * ({@link #unfinished}). The reader lock {@code _rlock} is not needed: {@link #take} removes an
 * item under {@link #mon}, so each item goes to exactly one getter.
 *
 * <h2>States of an item and transitions</h2>
 * <pre>
 *   reserve() (bounded or joinable only)   a slot is held, reserved += 1, unfinished += 1
 *   append()                               QUEUED (in items)
 *   take()          QUEUED  -&gt; IN_FLIGHT   removed from items; its slot is still held
 *   delivered()     IN_FLIGHT -&gt; GONE      the reply reached the getter's socket: reserved -= 1
 *   putBack()       IN_FLIGHT -&gt; QUEUED    writing the reply failed (getter died): back at the head
 * </pre>
 * A getter that dies while waiting never takes an item (its wait is abandoned within
 * {@link HostProtocol#PEER_CHECK_NANOS}). The one window left: the reply was written into the
 * getter's socket and the getter died before reading it; that item is lost (CPython loses it too,
 * and in CPython a getter killed while holding {@code _rlock} blocks every other getter forever).
 */
final class QueueCore implements HostedResource {
    static final byte OP_GET = HostProtocol.FIRST_RESOURCE_OP;
    static final byte OP_RESERVE = OP_GET + 1;
    static final byte OP_SIZE = OP_GET + 2;
    static final byte OP_TASK_DONE = OP_GET + 3;
    static final byte OP_JOIN = OP_GET + 4;

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

    QueueCore(String name, int maxsize, boolean joinable) {
        this.name = name;
        this.maxsize = Math.max(0, maxsize);
        this.joinable = joinable;
    }

    @Override
    public String describe() {
        return name;
    }

    /**
     * Takes a capacity slot (bounded) and counts an unfinished task (joinable), waiting up to
     * {@code timeoutNanos} for a slot. Returns false if none freed up in time.
     */
    boolean reserve(long timeoutNanos, Caller caller) throws InterruptedException {
        if (maxsize == 0 && !joinable) {
            return true;
        }
        mon.lock();
        try {
            if (maxsize > 0) {
                if (!Waits.await(notFull, () -> reserved < maxsize, timeoutNanos, caller)) {
                    return false;
                }
                reserved++;
            }
            if (joinable) {
                unfinished++;
            }
            return true;
        } finally {
            mon.unlock();
        }
    }

    void append(byte[] item) {
        mon.lock();
        try {
            items.addLast(item);
            notEmpty.signal();
        } finally {
            mon.unlock();
        }
    }

    /** Removes the head item, waiting up to {@code timeoutNanos}; null on timeout. Its slot stays held. */
    byte[] take(long timeoutNanos, Caller caller) throws InterruptedException {
        mon.lock();
        try {
            if (!Waits.await(notEmpty, () -> !items.isEmpty(), timeoutNanos, caller)) {
                return null;
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

    /** The taken item could not be handed over: it goes back to the head, keeping its slot. */
    void putBack(byte[] item) {
        mon.lock();
        try {
            items.addFirst(item);
            notEmpty.signal();
        } finally {
            mon.unlock();
        }
    }

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

    boolean join(long timeoutNanos, Caller caller) throws InterruptedException {
        mon.lock();
        try {
            return Waits.await(allTasksDone, () -> unfinished == 0, timeoutNanos, caller);
        } finally {
            mon.unlock();
        }
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
                byte[] item = take(args.getLong(), call.caller());
                if (item == null) {
                    call.answer(false);
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
            case OP_RESERVE -> call.answer(reserve(args.getLong(), call.caller()));
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
            default -> throw new IllegalArgumentException(name + ": unknown op " + op);
        }
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

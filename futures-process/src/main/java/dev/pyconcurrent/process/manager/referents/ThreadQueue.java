package dev.pyconcurrent.process.manager.referents;

import dev.pyconcurrent.ipc.queues.QueueEmptyException;
import dev.pyconcurrent.ipc.queues.QueueFullException;

import java.util.ArrayDeque;

/**
 * The referent of a manager {@code Queue} or {@code JoinableQueue}: CPython's {@code queue.Queue}, held by the
 * server (CPython registers both typeids with {@code queue.Queue}, which has {@code task_done}/{@code join}).
 *
 * <p>Items and transitions (this object's monitor): {@code put} appends when there is room
 * ({@code maxsize <= 0}: always) and counts an unfinished task; {@code get} removes the oldest item; a full or
 * empty queue makes {@code put}/{@code get} wait, or fail with {@link QueueFullException}/{@link QueueEmptyException}
 * (CPython's {@code queue.Full}/{@code queue.Empty}) when non-blocking or timed out; {@code taskDone} decrements
 * the unfinished count ({@code ValueError} when already 0: {@link IllegalStateException} here) and {@code join}
 * waits for it to reach 0.
 */
public final class ThreadQueue {
    private final int maxsize;
    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private long unfinished;

    public ThreadQueue(int maxsize) {
        this.maxsize = maxsize;
    }

    /** The server-side factory: {@code Queue()} or {@code Queue(maxsize)}. */
    public static ThreadQueue fromArgs(Object[] args) {
        return new ThreadQueue(args.length == 0 || args[0] == null ? 0 : ((Number) args[0]).intValue());
    }

    public void put(Object item) throws InterruptedException {
        put(item, true, -1);
    }

    public synchronized void put(Object item, boolean block, double timeoutSeconds) throws InterruptedException {
        long deadline = Timeouts.deadline(timeoutSeconds);
        while (maxsize > 0 && items.size() >= maxsize) {
            if (!block || !Timeouts.waitUntil(this, deadline)) {
                throw new QueueFullException("queue.Full: the queue holds its maxsize of " + maxsize + " items");
            }
        }
        items.addLast(new Slot(item));
        unfinished++;
        notifyAll();
    }

    public void putNowait(Object item) throws InterruptedException {
        put(item, false, -1);
    }

    public Object get() throws InterruptedException {
        return get(true, -1);
    }

    public synchronized Object get(boolean block, double timeoutSeconds) throws InterruptedException {
        long deadline = Timeouts.deadline(timeoutSeconds);
        while (items.isEmpty()) {
            if (!block || !Timeouts.waitUntil(this, deadline)) {
                throw new QueueEmptyException("queue.Empty: no item arrived"
                        + (block ? " within " + timeoutSeconds + " s" : ""));
            }
        }
        Object item = ((Slot) items.removeFirst()).value;
        notifyAll();
        return item;
    }

    public Object getNowait() throws InterruptedException {
        return get(false, -1);
    }

    public synchronized void taskDone() {
        if (unfinished <= 0) {
            throw new IllegalStateException("task_done() called too many times");
        }
        if (--unfinished == 0) {
            notifyAll();
        }
    }

    public synchronized void join() throws InterruptedException {
        while (unfinished > 0) {
            wait();
        }
    }

    public synchronized int qsize() {
        return items.size();
    }

    public synchronized boolean empty() {
        return items.isEmpty();
    }

    public synchronized boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    public int maxsize() {
        return maxsize;
    }

    @Override
    public synchronized String toString() {
        return "<queue.Queue object at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    /** Wraps items so that a {@code null} item can be queued (ArrayDeque refuses nulls; CPython allows None). */
    private record Slot(Object value) {
    }
}

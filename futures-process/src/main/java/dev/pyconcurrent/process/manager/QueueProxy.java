package dev.pyconcurrent.process.manager;

import java.time.Duration;

/**
 * A proxy for a manager {@code Queue} or {@code JoinableQueue} (a {@code queue.Queue} in the server).
 *
 * <p>CPython counterpart: the {@code AutoProxy} CPython makes for {@code queue.Queue} ({@code put}, {@code get},
 * {@code put_nowait}, {@code get_nowait}, {@code qsize}, {@code empty}, {@code full}, {@code task_done},
 * {@code join}). {@code queue.Empty}/{@code queue.Full} are
 * {@link dev.pyconcurrent.ipc.queues.QueueEmptyException}/{@link dev.pyconcurrent.ipc.queues.QueueFullException}.
 * Unlike {@code multiprocessing.Queue} there is no feeder thread: {@code put} returns once the item is in the
 * server's queue.
 *
 * @param <E> the item type (items are serialized copies)
 */
public class QueueProxy<E> extends BaseProxy {
    private static final long serialVersionUID = 1L;

    public QueueProxy(ProxySpec spec) {
        super(spec);
    }

    public void put(E item) {
        call("put", item);
    }

    /** Waits at most {@code timeout} for room, else {@code QueueFullException}. */
    public void put(E item, Duration timeout) {
        call("put", item, true, timeout.toNanos() / 1e9);
    }

    public void putNowait(E item) {
        call("putNowait", item);
    }

    @SuppressWarnings("unchecked")
    public E get() {
        return (E) call("get");
    }

    /** Waits at most {@code timeout} for an item, else {@code QueueEmptyException}. */
    @SuppressWarnings("unchecked")
    public E get(Duration timeout) {
        return (E) call("get", true, timeout.toNanos() / 1e9);
    }

    @SuppressWarnings("unchecked")
    public E getNowait() {
        return (E) call("getNowait");
    }

    public int qsize() {
        return (Integer) call("qsize");
    }

    public boolean empty() {
        return (Boolean) call("empty");
    }

    public boolean full() {
        return (Boolean) call("full");
    }

    public void taskDone() {
        call("taskDone");
    }

    /** Waits until every item put has been marked done with {@link #taskDone()}. */
    public void join() {
        call("join");
    }
}

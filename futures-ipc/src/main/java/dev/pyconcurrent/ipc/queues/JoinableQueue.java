package dev.pyconcurrent.ipc.queues;

import java.time.Duration;
import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostChannel;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.Serial;
import java.nio.ByteBuffer;

/**
 * A {@link Queue} that also counts unfinished tasks: every {@code put} adds one, every
 * {@link #taskDone()} removes one, and {@link #join()} waits until the count is zero, across all
 * processes.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/queues.py: JoinableQueue}
 * ({@code _unfinished_tasks} semaphore plus {@code _cond}). Java differs: the count lives in the
 * host, and a proxy's {@code put} increments it with one round trip before streaming the item (so
 * a {@code join()} anywhere can never miss a put that already returned); CPython's
 * {@code ValueError('task_done() called too many times')} is {@link IllegalStateException}.
 *
 * <p>{@link #shutdown(boolean)} (CPython main branch only) works as for {@link Queue}; in addition
 * an immediate shut-down counts every dropped item as done, so {@link #join()} returns unless an
 * item already taken still lacks its {@link #taskDone()}, and a surplus {@code taskDone()} then
 * throws as usual. {@code join()} itself is never refused by a shut-down (as in CPython).
 *
 * <h2>States and transitions</h2>
 * Those of {@link Queue}, plus the unfinished-task count, held by the host:
 * <pre>
 *   put (accepted)                         count += 1
 *   taskDone()     count &gt; 0  -&gt;           count -= 1; at 0 every join() returns
 *   taskDone()     count == 0 -&gt;           IllegalStateException, count unchanged
 *   shutdown(true) with n items queued     count -= n (never below 0); at 0 every join() returns
 * </pre>
 *
 * @param <E> the item type
 */
public class JoinableQueue<E> extends Queue<E> {
    @Serial
    private static final long serialVersionUID = 1L;

    public JoinableQueue() {
        this(0);
    }

    public JoinableQueue(int maxsize) {
        this(maxsize, Serializers.trustedPeerSerializer());
    }

    public JoinableQueue(int maxsize, Serializer serializer) {
        super(QueueHandle.Kind.JOINABLE, maxsize, serializer);
    }

    JoinableQueue(QueueHandle handle) {
        super(handle);
    }

    /**
     * Marks one item as processed.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        if (core != null) {
            core.taskDone();
            return;
        }
        HostChannel ch = remote.channel();
        ch.begin(QueueCore.OP_TASK_DONE, remote.objectId());
        ch.callQuick("taskDone on " + name);
    }

    /** Waits until every item put so far has had its {@link #taskDone()}. */
    public void join() throws InterruptedException {
        join(Double.POSITIVE_INFINITY);
    }

    /** {@link #join(double)} with a {@link Duration}. */
    public boolean join(Duration timeout) throws InterruptedException {
        return join(timeout.toNanos() / 1e9);
    }

    /**
     * As {@link #join()} with a timeout (a Java addition; CPython's {@code join()} has none).
     *
     * @return false if unfinished tasks remained when the timeout passed
     */
    public boolean join(double timeoutSeconds) throws InterruptedException {
        long timeout = HostProtocol.toWireTimeout(true, timeoutSeconds);
        if (core != null) {
            return core.join(timeout, Caller.local());
        }
        HostChannel ch = remote.channel();
        ch.begin(QueueCore.OP_JOIN, remote.objectId()).putLong(timeout);
        ByteBuffer r = ch.call("join on " + name);
        return r.get(0) == HostProtocol.STATUS_OK;
    }

    /** Items put but not yet marked done (a Java addition, for tests and monitoring). */
    public long unfinishedTasks() {
        return sizes()[2];
    }
}

package dev.pyconcurrent.ipc.queues;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostChannel;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FIFO queue that any number of processes can put to and get from; each item is delivered to
 * exactly one getter, items from one producer arrive in the order they were put, and
 * {@code maxsize} bounds the whole queue across all processes.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/queues.py: Queue}. Pass it to a child process
 * as an argument (it is {@link java.io.Serializable}: it travels as a handle and becomes a proxy in
 * the child), exactly as {@code Process(target=f, args=(q,))}.
 *
 * <h2>How it works, and where Java differs</h2>
 * <ul>
 *   <li>The items live in the JVM that created the queue (its {@link dev.pyconcurrent.ipc.host.ResourceHost}),
 *       as serialized bytes; they are deserialized only by the getter. That JVM uses the queue
 *       directly; other JVMs use proxies (see the module doc for why: the JDK cannot pass the
 *       pipe descriptors CPython passes).</li>
 *   <li>{@code put} serializes on the caller's thread, so an unserializable object throws
 *       {@link dev.pyconcurrent.ipc.serialization.SerializationException} right there and nothing
 *       else is affected (CPython pickles in the feeder thread and the error only gets printed,
 *       gh-84376). In a proxy, the bytes then go to a local buffer and a feeder thread
 *       ({@code QueueFeederThread}) streams them to the host, so {@code put} does not wait for the
 *       socket, as in CPython. For a bounded queue the proxy's {@code put} first takes a slot
 *       from the host (one round trip, honouring {@code block}/{@code timeout}), as CPython
 *       acquires {@code _sem} in the caller. In the host JVM there is no socket, so there is no
 *       feeder either: the item is appended at once.</li>
 *   <li>{@code get} in a proxy is one round trip; the host waits with the caller's timeout, and an
 *       item is removed only when it is handed to a getter whose request is still outstanding.</li>
 *   <li>{@code Full}/{@code Empty} are {@link QueueFullException}/{@link QueueEmptyException};
 *       CPython's {@code ValueError("Queue ... is closed")} is {@link IllegalStateException}; timeouts
 *       are seconds as {@code double} ({@code Double.POSITIVE_INFINITY} stands for {@code None}),
 *       with {@link Duration} overloads.</li>
 *   <li>If the host process dies, every proxy call, including one already blocked, fails with
 *       {@link dev.pyconcurrent.ipc.host.HostDiedException}.</li>
 * </ul>
 *
 * <h2>States and transitions (per process)</h2>
 * <pre>
 *   OPEN --put/get (any number)--&gt; OPEN
 *   OPEN --close()--&gt; CLOSED: put/get throw IllegalStateException; the feeder drains the buffer and ends
 *   CLOSED --joinThread()--&gt; waits for the feeder; cancelJoinThread() makes JVM exit not wait for it
 * </pre>
 * {@code close()} affects only this process's view; the queue itself lives as long as its host.
 *
 * @param <E> the item type
 */
public class Queue<E> extends QueueBase<E> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Queue.class);

    private transient volatile Feeder feeder;
    private transient volatile boolean joinCancelled;

    /** An unbounded queue using the default serializer. */
    public Queue() {
        this(0);
    }

    /** A queue holding at most {@code maxsize} items ({@code <= 0}: unbounded, as in CPython). */
    public Queue(int maxsize) {
        this(maxsize, Serializers.trustedPeerSerializer());
    }

    /**
     * A queue using {@code serializer} for its items; the serializer must be registered with
     * {@link Serializers} so that other processes can find it by name.
     */
    public Queue(int maxsize, Serializer serializer) {
        this(QueueHandle.Kind.QUEUE, maxsize, serializer);
    }

    Queue(QueueHandle.Kind kind, int maxsize, Serializer serializer) {
        super(kind, maxsize, serializer);
    }

    Queue(QueueHandle handle) {
        super(handle);
    }

    // ---------------------------------------------------------------- put

    /** Puts {@code item}, waiting for a free slot without limit. */
    public void put(E item) throws InterruptedException {
        put(item, true, Double.POSITIVE_INFINITY);
    }

    /** Puts {@code item}, waiting up to {@code timeout} for a free slot. */
    public void put(E item, Duration timeout) throws InterruptedException {
        put(item, true, timeout.toNanos() / 1e9);
    }

    /**
     * Python's {@code put(obj, block, timeout)}: with {@code block=false} the timeout is ignored
     * and a full queue throws at once.
     *
     * @throws QueueFullException if no slot became free in time
     * @throws dev.pyconcurrent.ipc.serialization.SerializationException if {@code item} cannot be
     *         serialized (nothing was put)
     */
    public void put(E item, boolean block, double timeoutSeconds) throws InterruptedException {
        checkOpen();
        used = true;
        byte[] bytes = serializer.serialize(item);         // fails here, not in the feeder
        long timeout = HostProtocol.toWireTimeout(block, timeoutSeconds);
        if (core != null) {
            if (!core.reserve(timeout, Caller.local())) {
                throw new QueueFullException(name + " is full");
            }
            core.append(bytes);
            return;
        }
        if (maxsize > 0 || kind == QueueHandle.Kind.JOINABLE) {
            HostChannel ch = remote.channel();
            ch.begin(QueueCore.OP_RESERVE, remote.objectId()).putLong(timeout);
            ByteBuffer r = ch.call("put on " + name);
            if (r.get(0) != HostProtocol.STATUS_OK) {
                throw new QueueFullException(name + " is full");
            }
        }
        feeder().enqueue(bytes);
        streamed = true;
    }

    /** {@code put(item, false, 0)}. */
    public void putNowait(E item) {
        try {
            put(item, false, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------- get

    /** Removes and returns the next item, waiting without limit. */
    public E get() throws InterruptedException {
        return doGet(HostProtocol.NO_TIMEOUT);
    }

    /** Removes and returns the next item, waiting up to {@code timeout}. */
    public E get(Duration timeout) throws InterruptedException {
        return get(true, timeout.toNanos() / 1e9);
    }

    /**
     * Python's {@code get(block, timeout)}.
     *
     * @throws QueueEmptyException if no item arrived in time
     */
    public E get(boolean block, double timeoutSeconds) throws InterruptedException {
        return doGet(HostProtocol.toWireTimeout(block, timeoutSeconds));
    }

    /** {@code get(false, 0)}. */
    public E getNowait() {
        try {
            return doGet(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------- sizes

    /**
     * The approximate number of items: for a bounded queue the taken slots ({@code maxsize -
     * sem.value}, as CPython, which also counts items still in some producer's buffer), else the
     * items queued in the host. A proxy first flushes its own buffered puts, so a process sees
     * its own puts counted. Unreliable under concurrency, as CPython documents.
     */
    public int qsize() {
        long[] s = sizes();
        return (int) (maxsize > 0 ? s[1] : s[0] + (core == null ? bufferedHere() : 0));
    }

    /** True if no item is queued in the host right now (approximate, as CPython's {@code not poll()}). */
    public boolean empty() {
        if (closed && used) {
            throw new IllegalStateException(name + " is closed");
        }
        return sizes()[0] == 0;
    }

    /** True if a bounded queue has no free slot (approximate). */
    public boolean full() {
        return maxsize > 0 && sizes()[1] >= maxsize;
    }

    /** The bound given at construction, 0 if unbounded. */
    public int maxsize() {
        return maxsize;
    }

    private int bufferedHere() {
        Feeder f = feeder;
        return f == null ? 0 : f.buffered();
    }

    // ---------------------------------------------------------------- life cycle

    /**
     * No more puts or gets from this process; the feeder sends what is buffered and ends. A second
     * call does nothing. CPython: {@code Queue.close()}.
     */
    public void close() {
        closed = true;
        Feeder f = feeder;
        if (f != null) {
            f.close();
        }
    }

    /**
     * Waits for the feeder to send everything buffered. CPython: {@code join_thread()}, which also
     * requires {@code close()} first.
     *
     * @throws IllegalStateException if the queue is not closed
     */
    public void joinThread() throws InterruptedException {
        if (!closed) {
            throw new IllegalStateException(name + " must be closed before joinThread()");
        }
        Feeder f = feeder;
        if (f != null) {
            f.join(0);
        }
    }

    /**
     * JVM exit will not wait for the feeder to send buffered items (they may be lost). CPython:
     * {@code cancel_join_thread()}.
     */
    public void cancelJoinThread() {
        joinCancelled = true;
        Feeder f = feeder;
        if (f != null) {
            f.joinCancelled = true;
        }
    }

    /**
     * Called on the feeder thread when sending buffered items failed (the host is gone); the
     * {@code itemsLost} items are dropped. CPython: {@code _on_queue_feeder_error(e, obj)}, which
     * there also sees pickling errors; here those are thrown by {@code put} instead. The default logs.
     */
    protected void onFeederError(Throwable error, int itemsLost) {
        LOG.warn("{}: {} item(s) could not be sent to the host and are lost", name, itemsLost, error);
    }

    @Override
    void awaitLocalBufferSent() {
        Feeder f = feeder;
        if (f != null) {
            f.awaitDrained();
        }
    }

    private Feeder feeder() {
        Feeder f = feeder;
        if (f == null) {
            synchronized (this) {
                f = feeder;
                if (f == null) {
                    f = new Feeder(this, remote);
                    f.joinCancelled = joinCancelled;
                    feeder = f;
                }
            }
        }
        return f;
    }
}

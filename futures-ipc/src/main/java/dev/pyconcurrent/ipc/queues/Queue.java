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
 *   <li>{@link #shutdown(boolean)} and {@link QueueShutDownException} follow CPython's main branch;
 *       released versions (3.14 and older) have no {@code multiprocessing} queue shut-down. The
 *       state lives in the host; proxies read a shared-memory copy, so a put refused for
 *       shut-down costs no round trip.</li>
 * </ul>
 *
 * <h2>States and transitions</h2>
 * Two independent state machines. Per process (this view of the queue):
 * <pre>
 *   OPEN --put/get (any number)--&gt; OPEN
 *   OPEN --close()--&gt; CLOSED: put/get/shutdown throw IllegalStateException; the feeder drains the buffer and ends
 *   CLOSED --close()--&gt; CLOSED
 *   CLOSED --joinThread()--&gt; waits for the feeder; cancelJoinThread() makes JVM exit not wait for it
 * </pre>
 * Queue-wide (held by the host, seen by every process; see {@link #shutdown(boolean)}):
 * <pre>
 *   ALIVE --shutdown(false)--&gt; SHUT_DOWN: put throws QueueShutDownException; get drains, then throws it
 *   ALIVE --shutdown(true)--&gt; SHUT_DOWN_IMMEDIATE: as SHUT_DOWN, and the queued items are dropped
 *   SHUT_DOWN --shutdown(true)--&gt; SHUT_DOWN_IMMEDIATE: drops what is left
 *   SHUT_DOWN --shutdown(false)--&gt; SHUT_DOWN;  SHUT_DOWN_IMMEDIATE --shutdown(any)--&gt; SHUT_DOWN_IMMEDIATE
 * </pre>
 * {@code close()} affects only this process's view; the queue itself lives as long as its host.
 * A closed view still reports {@link #isShutDown()}. Checks run in this order: closed
 * ({@link IllegalStateException}), then shut down, then full/empty.
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
     * @throws QueueShutDownException if the queue was shut down, before the call or while it
     *         waited for a slot (nothing was put)
     * @throws dev.pyconcurrent.ipc.serialization.SerializationException if {@code item} cannot be
     *         serialized (nothing was put)
     */
    public void put(E item, boolean block, double timeoutSeconds) throws InterruptedException {
        checkOpen();
        if (shutDownState() != QueueCore.ALIVE) {
            throw shutDownException();                     // a proxy knows from shared memory: no round trip
        }
        used = true;
        byte[] bytes = serializer.serialize(item);         // fails here, not in the feeder
        long timeout = HostProtocol.toWireTimeout(block, timeoutSeconds);
        if (core != null) {
            if (!core.put(bytes, timeout, Caller.local())) {
                throw new QueueFullException(name + " is full");
            }
            return;
        }
        if (maxsize > 0 || kind == QueueHandle.Kind.JOINABLE) {
            HostChannel ch = remote.channel();
            ch.begin(QueueCore.OP_RESERVE, remote.objectId()).putLong(timeout);
            ByteBuffer r = ch.call("put on " + name);
            if (r.get(0) != HostProtocol.STATUS_OK) {
                if (r.get(1) == QueueCore.REFUSED_SHUT_DOWN) {
                    throw shutDownException();              // shut down before or while this put waited
                }
                throw new QueueFullException(name + " is full");
            }
        }
        // Race with a shut-down from here on: this put has happened (for a bounded or joinable queue the
        // host reserved its slot while ALIVE). Its item is queued on arrival after shutdown(false) and
        // dropped on arrival, counted as done, after shutdown(true). See QueueCore's class comment.
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
     * Python's {@code get(block, timeout)}. A shut-down queue still hands out the items left in it
     * (unless shut down with {@code immediate}).
     *
     * @throws QueueEmptyException if no item arrived in time
     * @throws QueueShutDownException if the queue is shut down and has no item left, before the
     *         call or while it waited (every waiting getter wakes)
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

    /** {@code shutdown(false)}: see {@link #shutdown(boolean)}. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down for every process that uses it; CPython: {@code Queue.shutdown(immediate)}
     * of {@code Lib/multiprocessing/queues.py} on the main branch (the 3.15-era addition, with the
     * semantics of {@code queue.Queue.shutdown} from 3.13); released versions of
     * {@code multiprocessing} have no shut-down.
     * <ul>
     *   <li>From now on {@code put}/{@code putNowait} throw {@link QueueShutDownException} in every
     *       process, and so do puts already waiting for a slot in a full queue (they wake).</li>
     *   <li>{@code immediate == false}: getters still receive the items left in the queue; once it
     *       is empty, {@code get}/{@code getNowait} throw {@link QueueShutDownException}, and
     *       getters already waiting on the empty queue wake with it.</li>
     *   <li>{@code immediate == true}: the queued items are dropped ({@code qsize()} becomes 0) and
     *       every waiting getter and putter wakes with {@link QueueShutDownException}; for a
     *       {@link JoinableQueue} each dropped item counts as done, so {@code join()} returns
     *       unless an item already taken still lacks its {@code taskDone()}.</li>
     *   <li>Items that a process put before the shut-down but whose bytes were still in its feeder
     *       buffer or on the way are treated as queued: kept after {@code shutdown(false)}, dropped
     *       (and counted as done) after {@code shutdown(true)}. Called in a proxy, this first sends
     *       the proxy's own buffered puts, so within one process a put before {@code shutdown}
     *       is always queued before it.</li>
     * </ul>
     * Idempotent; {@code shutdown(true)} after {@code shutdown(false)} drops what is left. Unlike
     * {@link #close()}, which ends only this process's use of the queue, a shut-down is
     * queue-wide and permanent; it needs this process's view to be open (the CPython code checks
     * {@code _closed} first too).
     *
     * @throws IllegalStateException if this process closed its view of the queue
     */
    public void shutdown(boolean immediate) {
        checkOpen();
        if (core != null) {
            core.shutdown(immediate);
            return;
        }
        flushOwnPuts();
        HostChannel ch = remote.channel();
        ch.begin(QueueCore.OP_SHUTDOWN, remote.objectId()).putByte(immediate ? 1 : 0);
        ch.callQuick("shutdown on " + name);
    }

    /**
     * True once any process shut the queue down (CPython: the {@code is_shutdown} attribute of
     * {@code queue.Queue}). In a proxy it reads shared memory: no round trip.
     */
    public boolean isShutDown() {
        return shutDownState() != QueueCore.ALIVE;
    }

    /**
     * No more puts or gets from this process; the feeder sends what is buffered and ends. A second
     * call does nothing. CPython: {@code Queue.close()}. Per process: other processes keep using
     * the queue (compare {@link #shutdown(boolean)}, which is queue-wide).
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

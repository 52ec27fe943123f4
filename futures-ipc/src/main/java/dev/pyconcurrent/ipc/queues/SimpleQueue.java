package dev.pyconcurrent.ipc.queues;

import dev.pyconcurrent.ipc.host.FrameBuffer;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.HostStream;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.Serial;

/**
 * An unbounded FIFO queue without a feeder thread: {@code put} sends the item itself.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/queues.py: SimpleQueue} (a pipe plus
 * {@code _rlock}/{@code _wlock}). As there, {@code put} serializes first and then writes under the
 * write lock (here: the stream connection's frame lock), and {@code get} deserializes after the
 * item was taken. Java differs: the items live in the creating JVM (see {@link Queue}); a
 * proxy's {@code put} writes one frame to the host's stream connection (blocking only if the socket
 * buffer is full, while the host keeps reading); {@code close()} makes later calls, including
 * {@code empty()}, throw {@link IllegalStateException} (CPython: {@code OSError('handle is closed')}).
 * There is no {@code shutdown()}: CPython's main branch adds it to {@code Queue} and
 * {@code JoinableQueue} only, not to {@code SimpleQueue}, and so does this class.
 *
 * <h2>States and transitions (per process)</h2>
 * <pre>
 *   OPEN --put/get--&gt; OPEN;   OPEN --close() (idempotent)--&gt; CLOSED: put/get/empty throw
 * </pre>
 *
 * @param <E> the item type
 */
public class SimpleQueue<E> extends QueueBase<E> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<FrameBuffer> FRAMES = ThreadLocal.withInitial(() -> new FrameBuffer(256));

    public SimpleQueue() {
        this(Serializers.trustedPeerSerializer());
    }

    public SimpleQueue(Serializer serializer) {
        super(QueueHandle.Kind.SIMPLE, 0, serializer);
    }

    SimpleQueue(QueueHandle handle) {
        super(handle);
    }

    /**
     * Puts {@code item}; never waits for space.
     *
     * @throws dev.pyconcurrent.ipc.serialization.SerializationException if it cannot be serialized
     */
    public void put(E item) {
        checkOpen();
        used = true;
        byte[] bytes = serializer.serialize(item);
        if (core != null) {
            core.append(bytes);
            return;
        }
        FrameBuffer frame = FRAMES.get().begin(HostProtocol.OP_PUT).putLong(remote.objectId())
                .putBytes(bytes, 0, bytes.length);
        HostStream.to(remote).send(frame.array(), 0, frame.length());
        streamed = true;
    }

    /** Removes and returns the next item, waiting without limit. */
    public E get() throws InterruptedException {
        return doGet(HostProtocol.NO_TIMEOUT);
    }

    /** True if no item is queued right now (approximate). */
    public boolean empty() {
        checkOpen();
        return sizes()[0] == 0;
    }

    /** Closes this process's view; idempotent. */
    public void close() {
        closed = true;
    }
}

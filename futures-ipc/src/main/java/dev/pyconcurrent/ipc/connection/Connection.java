package dev.pyconcurrent.ipc.connection;

import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.EOFException;
import java.io.Serial;
import java.io.Serializable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a message channel over a stream socket: each {@code sendBytes} on one end arrives as
 * exactly one {@code recvBytes} on the other, never merged or split.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/connection.py: _ConnectionBase} and its POSIX
 * subclass {@code Connection}. The wire format is CPython's byte for byte (see {@link Frames}), so a
 * Java end can talk to a CPython end at the bytes level ({@code sendBytes}/{@code recvBytes});
 * {@code send}/{@code recv} use a pluggable {@link Serializer} instead of pickle. Where Java differs:
 * <ul>
 *   <li><b>Thread safety.</b> CPython's Connection is not thread-safe: two threads sending at once
 *       can interleave their bytes. Here sending and receiving each hold their own lock for a whole
 *       frame, so concurrent senders never interleave and concurrent receivers each get whole
 *       messages; one thread may send while another receives. ({@code send(obj)} serializes
 *       <em>before</em> taking the lock.)</li>
 *   <li><b>Interrupts.</b> An interrupt while waiting for a message to start, or before any byte of
 *       an outgoing message is written, throws {@link InterruptedIOException} and leaves the
 *       connection usable. Once a frame is under way the interrupt is deferred until it is complete
 *       (CPython retries on EINTR the same way, PEP 475).</li>
 *   <li><b>Errors.</b> EOFError is {@link EOFException}; OSError for a closed or one-way end is
 *       {@link ConnectionStateException}; OSError for a bad frame is {@link BadFrameException};
 *       ValueError is {@link IllegalArgumentException}.</li>
 *   <li><b>Buffers.</b> {@code recv_bytes_into} takes a {@code byte[]} and offset, or a
 *       {@link ByteBuffer} (its position is the offset); a direct buffer is filled straight from the
 *       socket for large messages.</li>
 *   <li><b>{@code poll} is real but reads ahead.</b> The socket is in non-blocking mode and waits go
 *       through a {@link java.nio.channels.Selector}; bytes that a poll reads are kept for the next
 *       receive, so a poll never consumes part of a message.</li>
 * </ul>
 *
 * <h2>States and transitions</h2>
 * Each end has a {@code closed} flag and two direction flags, {@code readable} and {@code writable},
 * fixed by how the end was made ({@code Pipe.open(false)} gives a read-only and a write-only end)
 * and only ever switched off afterwards:
 * <pre>
 *   OPEN(r, w) --close()----------------------------------------------&gt; CLOSED   (terminal, idempotent)
 *   OPEN(r=true)  --recv sees a bad frame (negative length, length &gt; maxLength,
 *                   EOF inside a frame, I/O error inside a frame)--------&gt; r=false ("poisoned"),
 *                                                                      and CLOSED if w was false
 *   OPEN(w=true)  --send fails after part of a frame left-------------&gt; w=false ("poisoned"),
 *                                                                      and CLOSED if r was false
 *   peer closed at a frame boundary: no transition; every recv throws EOFException, poll is true
 *   BufferTooShortException (array or ByteBuffer; the message was consumed whole),
 *   SerializationException, InterruptedIOException before a frame,
 *   IllegalArgumentException for a bad argument (checked before receiving): no transition
 * </pre>
 * CPython makes the same "unreadable, or closed if read-only" move after {@code bad message length};
 * a poisoned direction then reports why it is unusable.
 *
 * <h2>Sending an end to another process</h2>
 * A Connection is {@link Serializable} only as a hand-over: passing it to a child, e.g. as a
 * {@code Process} argument (CPython's {@code Process(target=f, args=(child_conn,))}), replaces it with
 * a handle that the receiving JVM turns into a live end (see
 * {@link dev.pyconcurrent.ipc.host.Connections#shareable(Connection)}). CPython duplicates the socket's
 * file descriptor into the child; the JDK cannot pass descriptors, so this process's resource host
 * relays the bytes instead, and this end must not be used here afterwards (CPython's parent closes its
 * copy for the same reason).
 */
public final class Connection implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Largest payload {@link #recv()} reads into its reused array; bigger ones get a fresh one. */
    private static final int SCRATCH_LIMIT = 1024 * 1024;

    private final SocketChannel channel;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock recvLock = new ReentrantLock();

    private volatile boolean closed;
    private volatile boolean readable;
    private volatile boolean writable;
    /** Why a direction was switched off after construction; null while it never was. */
    private volatile String readDisabledReason;
    private volatile String writeDisabledReason;
    private volatile Serializer serializer;
    /** Reused by recv() for small payloads; guarded by recvLock. */
    private byte[] scratch = new byte[256];

    Connection(SocketChannel channel, boolean readable, boolean writable) throws IOException {
        if (!readable && !writable) {
            throw new IllegalArgumentException("at least one of readable or writable must be true");
        }
        this.channel = Objects.requireNonNull(channel, "channel");
        channel.configureBlocking(false);                  // waits go through ChannelWaiter
        this.reader = new FrameReader(channel);
        this.writer = new FrameWriter(channel);
        this.readable = readable;
        this.writable = writable;
        this.serializer = Serializers.defaultSerializer();
    }

    /**
     * Wraps a freshly connected or accepted socket and, with an authkey, runs the mutual handshake in the order of
     * the side: the accepting side challenges first ({@code Listener}), the connecting side answers first
     * ({@code Client}). On any failure the socket is closed before the exception propagates, so a refused peer
     * never holds a half-open connection.
     */
    static Connection openAuthenticated(SocketChannel channel, boolean tcp, Serializer serializer, byte[] authkey,
                                        boolean acceptingSide) throws IOException {
        Connection connection = null;
        try {
            if (tcp) {
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            }
            connection = new Connection(channel, true, true).useSerializer(serializer);
            if (authkey != null) {
                if (acceptingSide) {
                    Authentication.deliverChallenge(connection, authkey);
                    Authentication.answerChallenge(connection, authkey);
                } else {
                    Authentication.answerChallenge(connection, authkey);
                    Authentication.deliverChallenge(connection, authkey);
                }
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            if (connection != null) {
                connection.close();
            } else {
                channel.close();
            }
            throw e;
        }
    }

    /** Serialization hands this end over through the resource host (see the class comment). */
    @Serial
    private Object writeReplace() {
        return dev.pyconcurrent.ipc.host.Connections.shareable(this);
    }

    // ---------------------------------------------------------------- objects

    /**
     * Serializes {@code value} with this connection's {@link Serializer} and sends it as one
     * message. Serialization happens first, so an unserializable object fails with
     * {@link dev.pyconcurrent.ipc.serialization.SerializationException} before anything is written
     * and the connection stays usable.
     */
    public void send(Object value) throws IOException {
        checkWritable();
        byte[] bytes = serializer.serialize(value);
        sendBytes(bytes, 0, bytes.length);
    }

    /** Receives one message and deserializes it with this connection's {@link Serializer}. */
    public Object recv() throws IOException {
        recvLock.lock();
        try {
            checkReadable();
            int length = receiveHeader(Frames.MAX_ARRAY_PAYLOAD);
            if (length > SCRATCH_LIMIT) {
                return serializer.deserialize(receivePayload(length), 0, length);
            }
            if (scratch.length < length) {
                scratch = new byte[Math.min(SCRATCH_LIMIT, Math.max(length, 2 * scratch.length))];
            }
            receivePayloadInto(scratch, 0, length);
            return serializer.deserialize(scratch, 0, length);
        } finally {
            recvLock.unlock();
        }
    }

    // ---------------------------------------------------------------- bytes

    /** Sends all of {@code bytes} as one message. */
    public void sendBytes(byte[] bytes) throws IOException {
        sendBytes(bytes, 0, bytes.length);
    }

    /**
     * Sends {@code size} bytes of {@code bytes} starting at {@code offset} as one message
     * ({@code offset == bytes.length} with {@code size == 0} sends an empty message).
     *
     * @throws IllegalArgumentException for a negative offset or size, or a slice past the end
     */
    public void sendBytes(byte[] bytes, int offset, int size) throws IOException {
        checkWritable();
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative");
        }
        if (bytes.length < offset) {
            throw new IllegalArgumentException("buffer length < offset");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size is negative");
        }
        if (bytes.length - offset < size) {
            throw new IllegalArgumentException("buffer length < offset + size");
        }
        sendLock.lock();
        try {
            checkWritable();
            writer.writeFrame(bytes, offset, size);
        } catch (IOException | RuntimeException e) {
            afterSendFailure(e);
            throw e;
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Sends the remaining bytes of {@code payload} as one message and advances its position. A
     * direct buffer is written without copying (gathering write of header and payload).
     */
    public void sendBytes(ByteBuffer payload) throws IOException {
        checkWritable();
        sendLock.lock();
        try {
            checkWritable();
            writer.writeFrame(payload);
        } catch (IOException | RuntimeException e) {
            afterSendFailure(e);
            throw e;
        } finally {
            sendLock.unlock();
        }
    }

    /** Receives one message of any length. */
    public byte[] recvBytes() throws IOException {
        return recvBytes(Frames.MAX_ARRAY_PAYLOAD);
    }

    /**
     * Receives one message. A message longer than {@code maxLength} throws
     * {@link BadFrameException} and leaves this end unreadable (closed if it was read-only), as
     * CPython does: the rest of that message is still in the stream.
     *
     * @throws IllegalArgumentException if {@code maxLength} is negative
     */
    public byte[] recvBytes(int maxLength) throws IOException {
        if (maxLength < 0) {
            throw new IllegalArgumentException("negative maxLength");
        }
        recvLock.lock();
        try {
            checkReadable();
            int length = receiveHeader(maxLength);
            return receivePayload(length);
        } finally {
            recvLock.unlock();
        }
    }

    /** Same as {@code recvBytesInto(buffer, 0)}. */
    public int recvBytesInto(byte[] buffer) throws IOException {
        return recvBytesInto(buffer, 0);
    }

    /**
     * Receives one message into {@code buffer} at {@code offset} and returns its length. If it does
     * not fit, the whole message is still consumed and thrown inside a
     * {@link BufferTooShortException}; the connection stays usable.
     */
    public int recvBytesInto(byte[] buffer, int offset) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset");
        }
        if (offset > buffer.length) {
            throw new IllegalArgumentException("offset too large");
        }
        recvLock.lock();
        try {
            checkReadable();
            int length = receiveHeader(Frames.MAX_ARRAY_PAYLOAD);
            int room = buffer.length - offset;
            if (length > room) {
                throw new BufferTooShortException(receivePayload(length), room);
            }
            receivePayloadInto(buffer, offset, length);
            return length;
        } finally {
            recvLock.unlock();
        }
    }

    /**
     * Receives one message into {@code buffer} at its position, advances the position by the
     * message length and returns that length; the limit is not changed. A direct buffer is filled
     * straight from the socket (for large messages, no copy besides the kernel's). If the message
     * is longer than {@code buffer.remaining()}, the whole message is still consumed and thrown
     * inside a {@link BufferTooShortException}, the buffer is left untouched and the connection
     * stays usable.
     *
     * <p>CPython's {@code recv_bytes_into(buf, offset)} takes any writable buffer and a byte offset;
     * here the buffer's position is the offset.
     *
     * @throws IllegalArgumentException if {@code buffer} is read-only (checked before receiving)
     */
    public int recvBytesInto(ByteBuffer buffer) throws IOException {
        if (buffer.isReadOnly()) {
            throw new IllegalArgumentException("buffer is read-only");
        }
        recvLock.lock();
        try {
            checkReadable();
            int length = receiveHeader(Frames.MAX_ARRAY_PAYLOAD);
            int room = buffer.remaining();
            if (length > room) {
                throw new BufferTooShortException(receivePayload(length), room);
            }
            try {
                reader.readPayloadInto(buffer, length);
            } catch (IOException | RuntimeException e) {
                disableReading(e);
                throw e;
            }
            return length;
        } finally {
            recvLock.unlock();
        }
    }

    // ---------------------------------------------------------------- poll / state

    /** The socket, for {@link ConnectionWait}'s selector (non-blocking, as every wait here goes through selectors). */
    SocketChannel channel() {
        return channel;
    }

    /** Returns at once whether a message (or end of file) is ready to be received. */
    public boolean poll() throws IOException {
        return poll(0, TimeUnit.NANOSECONDS);
    }

    /**
     * Waits up to {@code timeout} for a message (or end of file) to be ready; a zero or negative
     * timeout checks without waiting, {@code Long.MAX_VALUE} nanoseconds waits without limit.
     * Never consumes any part of a message. Returns false if interrupted while waiting (the
     * interrupt status stays set).
     *
     * <p>The timeout covers the whole call: if another thread is receiving at the moment (it holds
     * the receive lock until its message is complete), this waits for that thread no longer than
     * the timeout and then returns false — a message the other thread is taking is not ready for
     * this caller.
     */
    public boolean poll(long timeout, TimeUnit unit) throws IOException {
        long nanos = unit.toNanos(timeout);
        long deadline = System.nanoTime() + Math.max(0, nanos);
        try {
            if (!recvLock.tryLock(Math.max(0, nanos), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            checkReadable();
            long left = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            return reader.poll(Math.max(0, left));
        } catch (IOException e) {
            throw translateIfClosed(e);
        } finally {
            recvLock.unlock();
        }
    }

    /** The serializer {@link #send(Object)} and {@link #recv()} use (JDK serialization by default). */
    public Serializer serializer() {
        return serializer;
    }

    /**
     * Chooses the serializer for {@link #send(Object)} / {@link #recv()}; the peer must use the same
     * one. Returns this connection for chaining.
     */
    public Connection useSerializer(Serializer serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        return this;
    }

    public boolean isClosed() {
        return closed;
    }

    /** True if this end was made for reading and no bad frame has disabled it. */
    public boolean isReadable() {
        return readable;
    }

    /** True if this end was made for writing and no torn write has disabled it. */
    public boolean isWritable() {
        return writable;
    }

    /**
     * Closes this end; idempotent and callable from any thread. A thread blocked in a receive or
     * send on this end wakes up with {@link ConnectionStateException}; the peer sees end of file.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        reader.wakeup();
        writer.wakeup();
        try {
            channel.close();
        } finally {
            reader.close();
            writer.close();
        }
    }

    @Override
    public String toString() {
        return "Connection[" + (closed ? "closed" : (readable ? "r" : "-") + (writable ? "w" : "-"))
                + ", serializer=" + serializer.name() + "]";
    }

    // ---------------------------------------------------------------- internals

    private int receiveHeader(int maxLength) throws IOException {
        try {
            long length = reader.readHeader(maxLength);
            if (length > Frames.MAX_ARRAY_PAYLOAD) {
                throw new BadFrameException("bad message length: " + length
                        + " bytes do not fit a Java array");
            }
            return (int) length;
        } catch (EOFException | InterruptedIOException e) {
            throw translateIfClosed(e);                    // stream intact: nothing consumed
        } catch (IOException | RuntimeException e) {
            disableReading(e);
            throw e;
        }
    }

    private byte[] receivePayload(int length) throws IOException {
        try {
            return reader.readPayload(length);
        } catch (IOException | RuntimeException e) {
            disableReading(e);
            throw e;
        }
    }

    private void receivePayloadInto(byte[] dst, int offset, int length) throws IOException {
        try {
            reader.readPayloadInto(dst, offset, length);
        } catch (IOException | RuntimeException e) {
            disableReading(e);
            throw e;
        }
    }

    /** A frame was only partly consumed: the stream cannot be split into messages any more. */
    private void disableReading(Exception cause) throws IOException {
        if (closed) {
            throw closedException(cause);
        }
        readDisabledReason = String.valueOf(cause.getMessage());
        readable = false;
        if (!writable) {
            close();
        }
    }

    private void afterSendFailure(Exception cause) throws IOException {
        if (closed) {
            throw closedException(cause);
        }
        if (writer.isTorn()) {                             // half a frame is on the wire
            writeDisabledReason = String.valueOf(cause.getMessage());
            writable = false;
            if (!readable) {
                close();
            }
        }
    }

    private IOException translateIfClosed(IOException e) {
        return closed || e instanceof ClosedChannelException ? closedException(e) : e;
    }

    private static ConnectionStateException closedException(Exception cause) {
        ConnectionStateException e = new ConnectionStateException("handle is closed");
        e.initCause(cause);
        return e;
    }

    private void checkReadable() throws ConnectionStateException {
        if (closed) {
            throw new ConnectionStateException("handle is closed");
        }
        if (!readable) {
            throw new ConnectionStateException(readDisabledReason == null ? "connection is write-only"
                    : "connection is no longer readable after: " + readDisabledReason);
        }
    }

    private void checkWritable() throws ConnectionStateException {
        if (closed) {
            throw new ConnectionStateException("handle is closed");
        }
        if (!writable) {
            throw new ConnectionStateException(writeDisabledReason == null ? "connection is read-only"
                    : "connection is no longer writable after: " + writeDisabledReason);
        }
    }
}

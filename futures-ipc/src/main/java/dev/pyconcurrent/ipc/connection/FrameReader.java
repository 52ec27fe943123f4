package dev.pyconcurrent.ipc.connection;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The receiving half of a {@link Connection}: splits the byte stream into frames (see
 * {@link Frames}).
 *
 * <p>Goals of the read loop:
 * <ol>
 *   <li>A small frame costs one {@code read} syscall: bytes are read ahead into a reused direct
 *       buffer and later frames already in it are served without touching the socket.</li>
 *   <li>Never lose bytes: whatever was read ahead stays buffered for the next call, and
 *       {@link #poll(long)} reads into the same buffer, so a poll never consumes a message.</li>
 *   <li>A header is consumed only once it is complete, so an interrupt or timeout while waiting
 *       for the start of a frame leaves the stream intact. Once the payload has started, interrupts
 *       are deferred until the frame is complete (re-asserted afterwards), so an interrupt never
 *       splits a frame (the analogue of CPython's EINTR retry, PEP 475).</li>
 *   <li>A hostile header cannot make us allocate gigabytes up front: large payloads grow their
 *       array as bytes actually arrive.</li>
 *   <li>Few copies for large payloads: one copy into a heap destination (the bounce any socket
 *       read into heap memory needs), none of ours into a direct destination; reads for a large
 *       payload never go past its frame.</li>
 * </ol>
 *
 * <p>Not thread-safe; {@link Connection} holds its receive lock around every call.
 */
final class FrameReader {
    /** Read-ahead buffer size; also the size of each read syscall for large heap payloads. */
    static final int BUFFER_SIZE = 64 * 1024;
    /**
     * A direct destination with at least this many payload bytes still to come is read into
     * directly; below it, one read through the read-ahead buffer is cheaper (and may bring the
     * next small frames with it).
     */
    static final int DIRECT_READ_THRESHOLD = BUFFER_SIZE;
    /** Payloads up to this size get their exact array at once; larger ones grow as data arrives. */
    static final int EAGER_ALLOCATION_LIMIT = 64 * 1024 * 1024;

    private final SocketChannel channel;
    private final ChannelWaiter waiter;
    /** Read mode between calls: [position, limit) holds bytes read but not yet consumed. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

    FrameReader(SocketChannel channel) {
        this.channel = channel;
        this.waiter = new ChannelWaiter(channel, SelectionKey.OP_READ);
        buffer.flip();                                     // empty, in read mode
    }

    /**
     * Returns true when a frame (or end of file) can be read without blocking on the first byte,
     * waiting up to {@code timeoutNanos}. Bytes it reads stay buffered.
     */
    boolean poll(long timeoutNanos) throws IOException {
        if (buffer.hasRemaining()) {
            return true;
        }
        long deadline = System.nanoTime() + Math.max(0L, timeoutNanos);
        while (true) {
            int n = fill();
            if (n != 0) {                                  // data, or -1 = EOF (also "readable")
                return true;
            }
            long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            waiter.await(left);
        }
    }

    /**
     * Reads and consumes the next header, returning the payload length.
     *
     * @throws EOFException if the peer closed the stream exactly at a frame boundary
     * @throws BadFrameException for a partial header at EOF, a negative length or a length above
     *         {@code maxLength} (the caller must then stop reading this stream)
     * @throws InterruptedIOException if interrupted before a complete header arrived; nothing consumed
     */
    long readHeader(long maxLength) throws IOException {
        ensureBuffered(Frames.SHORT_HEADER);
        int shortLength = buffer.getInt(buffer.position());
        long length;
        if (shortLength == Frames.LONG_ESCAPE) {
            ensureBuffered(Frames.LONG_HEADER);
            length = buffer.getLong(buffer.position() + Frames.SHORT_HEADER);
            if (length < 0) {
                throw new BadFrameException("bad message length: long header announces "
                        + Long.toUnsignedString(length) + " bytes");
            }
            buffer.position(buffer.position() + Frames.LONG_HEADER);
        } else if (shortLength < 0) {
            throw new BadFrameException("bad message length: negative length " + shortLength);
        } else {
            length = shortLength;
            buffer.position(buffer.position() + Frames.SHORT_HEADER);
        }
        if (length > maxLength) {
            throw new BadFrameException("bad message length: " + length
                    + " bytes exceeds the maximum of " + maxLength);
        }
        return length;
    }

    /** Reads a payload of {@code length} bytes into a new array (grown as data arrives if large). */
    byte[] readPayload(int length) throws IOException {
        if (length <= EAGER_ALLOCATION_LIMIT) {
            byte[] out = new byte[length];
            readPayloadInto(out, 0, length);
            return out;
        }
        byte[] out = new byte[EAGER_ALLOCATION_LIMIT];
        int filled = 0;
        while (filled < length) {
            if (filled == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(length, 2L * out.length));
            }
            int n = out.length - filled;                   // bytes that must arrive before we grow
            readPayloadInto(out, filled, n);
            filled += n;
        }
        return out;
    }

    /** Reads exactly {@code length} payload bytes into {@code dst} at {@code offset}. */
    void readPayloadInto(byte[] dst, int offset, int length) throws IOException {
        readPayloadInto(ByteBuffer.wrap(dst, offset, length), length);
    }

    /**
     * Reads exactly {@code length} payload bytes into {@code dst} at its position and advances the
     * position by {@code length}; the caller guarantees {@code dst.remaining() >= length}. The
     * limit is restored afterwards. Interrupts are deferred until the frame is complete.
     *
     * <p>Copies, fewest first: bytes already read ahead are copied once. After that, a
     * <em>direct</em> destination with at least {@link #DIRECT_READ_THRESHOLD} bytes still to come
     * is read into straight from the socket (the kernel's copy only), bounded by the frame's end
     * so nothing of the next frame is taken. A heap destination always takes exactly one bounce
     * through the read-ahead buffer, because any socket read into heap memory needs one: reading
     * into a heap buffer directly makes the JDK bounce through a per-thread temporary direct
     * buffer as large as the request (cached for the thread's lifetime), which measured no faster
     * than this bounce on JDK 17 (see the module README, "Wire framing").
     */
    void readPayloadInto(ByteBuffer dst, int length) throws IOException {
        int savedLimit = dst.limit();
        dst.limit(dst.position() + length);                // never write past this frame's bytes
        boolean interrupted = false;
        try {
            takeBuffered(dst);
            while (dst.hasRemaining()) {                   // here the read-ahead buffer is empty
                int n;
                if (dst.isDirect() && dst.remaining() >= DIRECT_READ_THRESHOLD) {
                    n = channel.read(dst);                 // zero-copy: socket -> caller's memory
                } else {
                    n = fill();                            // one bounce (may also read ahead)
                    takeBuffered(dst);
                }
                if (n < 0) {
                    throw new BadFrameException("got end of file during message ("
                            + (length - dst.remaining()) + " of " + length + " payload bytes read)");
                }
                if (n == 0) {
                    if (Thread.interrupted()) {            // defer: never split a frame
                        interrupted = true;
                    }
                    waiter.await(Long.MAX_VALUE);
                }
            }
        } finally {
            dst.limit(savedLimit);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Moves as many read-ahead bytes as fit into {@code dst}. */
    private void takeBuffered(ByteBuffer dst) {
        int chunk = Math.min(dst.remaining(), buffer.remaining());
        if (chunk > 0) {
            int limit = buffer.limit();
            buffer.limit(buffer.position() + chunk);
            dst.put(buffer);
            buffer.limit(limit);
        }
    }

    void wakeup() {
        waiter.wakeup();
    }

    void close() throws IOException {
        waiter.close();
    }

    /** Blocks until at least {@code count} bytes are buffered, without consuming any. */
    private void ensureBuffered(int count) throws IOException {
        while (buffer.remaining() < count) {
            int n = fill();
            if (n < 0) {
                if (buffer.hasRemaining()) {
                    throw new BadFrameException("got end of file during message ("
                            + buffer.remaining() + " header bytes read)");
                }
                throw new EOFException("peer closed the connection");
            }
            if (n == 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for a message");
                }
                waiter.await(Long.MAX_VALUE);
            }
        }
    }

    /**
     * One non-blocking read into the free space after the buffered bytes. Returns bytes read,
     * 0 if none are available now, -1 at end of file.
     */
    private int fill() throws IOException {
        buffer.compact();                                  // to write mode, keeping unread bytes
        try {
            return channel.read(buffer);
        } finally {
            buffer.flip();                                 // back to read mode
        }
    }
}

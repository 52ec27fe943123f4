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
 * </ol>
 *
 * <p>Not thread-safe; {@link Connection} holds its receive lock around every call.
 */
final class FrameReader {
    /** Read-ahead buffer size; also the size of each read syscall for large payloads. */
    static final int BUFFER_SIZE = 64 * 1024;
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

    /** Reads exactly {@code length} payload bytes into {@code dst}; interrupts are deferred. */
    void readPayloadInto(byte[] dst, int offset, int length) throws IOException {
        boolean interrupted = false;
        try {
            int done = 0;
            while (done < length) {
                if (!buffer.hasRemaining()) {
                    int n = fill();
                    if (n < 0) {
                        throw new BadFrameException("got end of file during message ("
                                + done + " of " + length + " payload bytes read)");
                    }
                    if (n == 0) {
                        if (Thread.interrupted()) {        // defer: never split a frame
                            interrupted = true;
                        }
                        waiter.await(Long.MAX_VALUE);
                        continue;
                    }
                }
                int chunk = Math.min(length - done, buffer.remaining());
                buffer.get(dst, offset + done, chunk);
                done += chunk;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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

package dev.pyconcurrent.ipc.connection;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The sending half of a {@link Connection}: writes one frame (see {@link Frames}) per call.
 *
 * <p>Goals of the write loop:
 * <ol>
 *   <li>A message that fits the reused direct buffer together with its header costs one
 *       {@code write} syscall (CPython does this up to 16 KiB, issue 20540; the buffer here is
 *       64 KiB, so more messages get it).</li>
 *   <li>No needless copies: a heap array must be copied into native memory once for any socket
 *       write, and this copy goes straight into the reused buffer in 64 KiB steps (the JDK would
 *       otherwise allocate and cache a temporary direct buffer as big as the message). A caller's
 *       direct {@link ByteBuffer} is sent with a gathering write and not copied at all.</li>
 *   <li>A frame is never split by an interrupt: before the first byte leaves, an interrupt aborts
 *       the send cleanly ({@link InterruptedIOException}, nothing written); afterwards it is
 *       deferred until the frame is complete and then re-asserted.</li>
 *   <li>{@link #isTorn()} tells the caller whether a failure left half a frame on the wire.</li>
 * </ol>
 *
 * <p>Not thread-safe; {@link Connection} holds its send lock around every call.
 */
final class FrameWriter {
    static final int BUFFER_SIZE = 64 * 1024;

    private final SocketChannel channel;
    private final ChannelWaiter waiter;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final ByteBuffer header = ByteBuffer.allocateDirect(Frames.LONG_HEADER);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    /** Bytes of the current frame already handed to the kernel. */
    private long written;
    private boolean interrupted;

    FrameWriter(SocketChannel channel) {
        this.channel = channel;
        this.waiter = new ChannelWaiter(channel, SelectionKey.OP_WRITE);
    }

    /** True if the last call failed after part of its frame was written. */
    boolean isTorn() {
        return written > 0;
    }

    /** Writes one frame holding {@code src[offset, offset+length)}. */
    void writeFrame(byte[] src, int offset, int length) throws IOException {
        begin();
        try {
            buffer.clear();
            putHeader(buffer, length);
            int done = 0;
            do {
                int chunk = Math.min(length - done, buffer.remaining());
                buffer.put(src, offset + done, chunk);
                done += chunk;
                buffer.flip();
                writeFully(buffer);
                buffer.clear();
            } while (done < length);
            written = 0;
        } finally {
            end();
        }
    }

    /** Writes one frame holding the remaining bytes of {@code payload}, advancing its position. */
    void writeFrame(ByteBuffer payload) throws IOException {
        if (!payload.isDirect() && payload.hasArray()) {
            int length = payload.remaining();
            writeFrame(payload.array(), payload.arrayOffset() + payload.position(), length);
            payload.position(payload.position() + length);
            return;
        }
        if (payload.remaining() + Frames.LONG_HEADER <= BUFFER_SIZE) {
            begin();
            try {
                buffer.clear();
                putHeader(buffer, payload.remaining());
                buffer.put(payload).flip();
                writeFully(buffer);
                written = 0;
            } finally {
                end();
            }
            return;
        }
        begin();
        try {                                              // large direct buffer: zero-copy gather
            header.clear();
            putHeader(header, payload.remaining());
            header.flip();
            gather[0] = header;
            gather[1] = payload;
            while (payload.hasRemaining()) {
                long n = channel.write(gather);
                if (n == 0) {
                    awaitWritable();
                }
                written += n;
            }
            written = 0;
        } finally {
            gather[1] = null;
            end();
        }
    }

    void wakeup() {
        waiter.wakeup();
    }

    void close() throws IOException {
        waiter.close();
    }

    private static void putHeader(ByteBuffer into, long length) {
        if (length > Frames.MAX_SHORT_PAYLOAD) {
            into.putInt(Frames.LONG_ESCAPE).putLong(length);
        } else {
            into.putInt((int) length);
        }
    }

    private void writeFully(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            int n = channel.write(src);
            if (n == 0) {
                awaitWritable();
            }
            written += n;
        }
    }

    private void awaitWritable() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            if (written == 0) {
                throw new InterruptedIOException("interrupted before any byte of the message was sent");
            }
            Thread.interrupted();                          // defer: never split a frame
            interrupted = true;
        }
        waiter.await(Long.MAX_VALUE);
    }

    private void begin() {
        written = 0;
        interrupted = false;
    }

    private void end() {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

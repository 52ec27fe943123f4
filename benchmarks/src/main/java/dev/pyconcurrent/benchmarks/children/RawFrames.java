package dev.pyconcurrent.benchmarks.children;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The raw limit's framing: a blocking JDK {@code SocketChannel} with CPython's 4-byte big-endian length prefix and
 * nothing else — no locks, no selector, no serializer, reused direct buffers. What a hand-written Java program can
 * do, and so the ceiling against which {@code Connection} is judged.
 *
 * <p>Writing: a frame that fits in 64 KiB goes out with one {@code write} (header and payload copied into one
 * buffer); a larger one with a gathering write of header and payload. Reading: a 64 KiB read-ahead buffer serves
 * headers and small frames, a large payload is read straight into the caller's buffer. Not thread-safe.
 */
public final class RawFrames {
    private static final int CHUNK = 64 * 1024;

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocateDirect(CHUNK).flip();
    private final ByteBuffer out = ByteBuffer.allocateDirect(CHUNK);
    private final ByteBuffer header = ByteBuffer.allocateDirect(4);
    private final ByteBuffer[] gather = new ByteBuffer[2];

    public RawFrames(SocketChannel channel) {
        this.channel = channel;
    }

    /** Sends {@code payload}'s remaining bytes as one frame (its position is left unchanged). */
    public void write(ByteBuffer payload) throws IOException {
        int n = payload.remaining();
        if (n <= CHUNK - 4) {
            out.clear();
            out.putInt(n).put(payload.duplicate()).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            return;
        }
        header.clear();
        header.putInt(n).flip();
        gather[0] = header;
        gather[1] = payload.duplicate();
        while (gather[1].hasRemaining()) {
            channel.write(gather);
        }
    }

    /** Reads one frame into {@code dst} (cleared first; must be large enough) and returns its length. */
    public int read(ByteBuffer dst) throws IOException {
        fill(4);
        int n = in.getInt();
        dst.clear();
        if (n > dst.capacity()) {
            throw new IOException("frame of " + n + " bytes does not fit a " + dst.capacity() + "-byte buffer");
        }
        dst.limit(n);
        int buffered = Math.min(n, in.remaining());
        ByteBuffer slice = in.duplicate();
        slice.limit(slice.position() + buffered);
        dst.put(slice);
        in.position(in.position() + buffered);
        while (dst.hasRemaining()) {
            if (channel.read(dst) < 0) {
                throw new EOFException("end of stream inside a frame");
            }
        }
        dst.flip();
        return n;
    }

    /** Makes sure {@code in} holds at least {@code need} bytes (need ≤ 4 here). */
    private void fill(int need) throws IOException {
        if (in.remaining() >= need) {
            return;
        }
        in.compact();
        while (in.position() < need) {
            if (channel.read(in) < 0) {
                throw new EOFException("end of stream");
            }
        }
        in.flip();
    }
}

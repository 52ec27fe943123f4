package dev.pyconcurrent.ipc.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable, growable big-endian byte buffer for building one request or reply frame. Each
 * connection end owns one, so building a frame allocates nothing in the steady state (the issue's
 * "reuse buffers" requirement).
 *
 * <p>Not thread-safe: used by the single thread that owns the connection end.
 *
 * <p>CPython counterpart: none as a class; a manager pickles each {@code (ident, methodname, args, kwds)}
 * request anew ({@code Lib/multiprocessing/managers.py: BaseProxy._callmethod}). Java differs by writing a
 * one-byte op code and raw fields into a reused buffer, since the host protocol is fixed.
 */
public final class FrameBuffer {
    private ByteBuffer buf;

    public FrameBuffer(int initialCapacity) {
        buf = ByteBuffer.allocate(initialCapacity).order(ByteOrder.BIG_ENDIAN);
    }

    /** Empties the buffer and writes the op code; returns this for chaining. */
    public FrameBuffer begin(byte op) {
        buf.clear();
        buf.put(op);
        return this;
    }

    public FrameBuffer putByte(int b) {
        ensure(1);
        buf.put((byte) b);
        return this;
    }

    public FrameBuffer putBoolean(boolean b) {
        return putByte(b ? 1 : 0);
    }

    public FrameBuffer putInt(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    public FrameBuffer putLong(long v) {
        ensure(8);
        buf.putLong(v);
        return this;
    }

    public FrameBuffer putDouble(double v) {
        ensure(8);
        buf.putDouble(v);
        return this;
    }

    /** Appends the raw bytes (no length prefix). */
    public FrameBuffer putBytes(byte[] b, int off, int len) {
        ensure(len);
        buf.put(b, off, len);
        return this;
    }

    /** Appends a 4-byte length followed by the bytes. */
    public FrameBuffer putSized(byte[] b) {
        putInt(b.length);
        return putBytes(b, 0, b.length);
    }

    /** The backing array; the frame is its first {@link #length()} bytes. */
    public byte[] array() {
        return buf.array();
    }

    public int length() {
        return buf.position();
    }

    private void ensure(int more) {
        if (buf.remaining() < more) {
            int need = buf.position() + more;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(need, buf.capacity() * 2)).order(ByteOrder.BIG_ENDIAN);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}

package dev.pyconcurrent.process.pool.worker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that one message is written into and then sent with
 * {@code Connection.sendBytes(array(), 0, size())}; reused for every message of one sender, so the hot path allocates
 * nothing once it has grown to the typical message size.
 *
 * <p>CPython counterpart: none (pickle writes into a fresh {@code bytes} per message). Big-endian, like
 * {@link java.io.DataOutputStream}. Not thread-safe: one owner thread.
 */
public final class WireBuffer {
    /** A buffer that grew beyond this for one huge message shrinks back afterwards, so it does not pin memory. */
    private static final int KEEP_LIMIT = 1 << 20;

    private byte[] bytes = new byte[256];
    private int size;

    /** Forgets the previous message. */
    public WireBuffer reset() {
        if (bytes.length > KEEP_LIMIT) {
            bytes = new byte[256];
        }
        size = 0;
        return this;
    }

    /** Drops everything written after the first {@code newSize} bytes (undo a value that failed to serialize). */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("cannot truncate " + size + " bytes to " + newSize);
        }
        size = newSize;
    }

    public byte[] array() {
        return bytes;
    }

    public int size() {
        return size;
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }

    public WireBuffer writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public WireBuffer writeInt(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    public WireBuffer writeLong(long value) {
        writeInt((int) (value >>> 32));
        return writeInt((int) value);
    }

    public WireBuffer writeBytes(byte[] source) {
        writeInt(source.length);
        ensure(source.length);
        System.arraycopy(source, 0, bytes, size, source.length);
        size += source.length;
        return this;
    }

    public WireBuffer writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Size in bytes (for the debug trace and tests). */
    @Override
    public String toString() {
        return "WireBuffer[" + size + " bytes]";
    }
}

package dev.pyconcurrent.process.pool.worker;

import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link WireBuffer} wrote, from a received message. Bounds-checked: a truncated or corrupt message
 * throws {@link IllegalArgumentException} saying what was missing, never an {@code ArrayIndexOutOfBoundsException}
 * from deep inside.
 *
 * <p>CPython counterpart: none (the unpickler). Not thread-safe: one owner thread; {@link #reset} reuses it.
 */
public final class WireReader {
    private byte[] bytes;
    private int position;
    private int limit;

    /** Reads {@code bytes[0, length)}. */
    public WireReader reset(byte[] source, int length) {
        this.bytes = source;
        this.position = 0;
        this.limit = length;
        return this;
    }

    public boolean hasMore() {
        return position < limit;
    }

    private void need(int count, String what) {
        if (count < 0 || limit - position < count) {
            throw new IllegalArgumentException("truncated pool message: needed " + count + " bytes for " + what
                    + " at offset " + position + " of " + limit);
        }
    }

    public int readByte() {
        need(1, "a byte");
        return bytes[position++];
    }

    public int readInt() {
        need(4, "an int");
        int v = ((bytes[position] & 0xff) << 24) | ((bytes[position + 1] & 0xff) << 16)
                | ((bytes[position + 2] & 0xff) << 8) | (bytes[position + 3] & 0xff);
        position += 4;
        return v;
    }

    public long readLong() {
        long high = readInt();
        long low = readInt() & 0xffffffffL;
        return (high << 32) | low;
    }

    /** The offset of the next byte; with {@link #skip(int)}, lets a caller hand a slice to a serializer. */
    public int position() {
        return position;
    }

    public byte[] array() {
        return bytes;
    }

    /** Reads a length prefix and checks that many bytes follow; returns the length (the bytes start at position()). */
    public int readLengthOfBytes() {
        int length = readInt();
        need(length, "a " + length + "-byte field");
        return length;
    }

    public void skip(int count) {
        need(count, "skipped bytes");
        position += count;
    }

    public String readString() {
        int length = readLengthOfBytes();
        String s = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }
}

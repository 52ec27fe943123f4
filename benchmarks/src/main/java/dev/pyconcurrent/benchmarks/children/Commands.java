package dev.pyconcurrent.benchmarks.children;

import java.nio.ByteBuffer;

/**
 * The tiny command language between the harness and its IPC children (raw and library alike), one frame each:
 * {@code [count:int32][size:int32][direct:int32]}.
 * <ul>
 *   <li>{@code count > 0}: send {@code count} frames of {@code size} bytes, as fast as possible;</li>
 *   <li>{@code count == ECHO}: echo every frame back until an empty frame arrives, then wait for the next command;</li>
 *   <li>{@code count == 0}: exit.</li>
 * </ul>
 * The child reports readiness by sending one empty frame after connecting, so the parent's clock starts only when
 * the child is waiting for the command.
 */
public final class Commands {
    public static final int ECHO = -1;
    public static final int EXIT = 0;
    /** Bytes in a command frame. */
    public static final int LENGTH = 12;

    private Commands() {
    }

    /** Sends from {@code byte[]} payloads. */
    public static byte[] encode(int count, int size) {
        return encode(count, size, false);
    }

    /** {@code direct}: the library child sends a direct {@code ByteBuffer} (the zero-copy send path) instead. */
    public static byte[] encode(int count, int size, boolean direct) {
        return ByteBuffer.allocate(LENGTH).putInt(count).putInt(size).putInt(direct ? 1 : 0).array();
    }

    public static boolean direct(byte[] command) {
        return ByteBuffer.wrap(command).getInt(8) == 1;
    }

    public static int count(byte[] command) {
        return ByteBuffer.wrap(command).getInt(0);
    }

    public static int size(byte[] command) {
        return ByteBuffer.wrap(command).getInt(4);
    }
}

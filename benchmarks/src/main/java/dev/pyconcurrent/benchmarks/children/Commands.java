package dev.pyconcurrent.benchmarks.children;

import java.nio.ByteBuffer;

/**
 * The tiny command language between the harness and its IPC children (raw and library alike), one frame each:
 * {@code [count:int32][size:int32]}.
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

    private Commands() {
    }

    public static byte[] encode(int count, int size) {
        return ByteBuffer.allocate(8).putInt(count).putInt(size).array();
    }

    public static int count(byte[] command) {
        return ByteBuffer.wrap(command).getInt(0);
    }

    public static int size(byte[] command) {
        return ByteBuffer.wrap(command).getInt(4);
    }
}

package dev.pyconcurrent.ipc.host;

import dev.pyconcurrent.ipc.connection.Connection;
import java.io.IOException;

/**
 * Copies frames both ways between a child's connection to the host and the original
 * {@link Connection} end it stands in for, until either side ends; then closes both.
 *
 * <p>Frames are copied whole ({@code recvBytes} → {@code sendBytes}), never re-serialized, so the
 * two real endpoints see exactly the messages the other sent, in order. Each direction has its own
 * thread, because either side may send at any time.
 */
final class ConnectionRelay {
    private ConnectionRelay() {
    }

    /** Relays between {@code child} and {@code end}; the calling thread serves one direction. */
    static void splice(Connection child, Connection end) {
        Thread up = new Thread(() -> pump(end, child), "pyc-connection-relay-to-child");
        up.setDaemon(true);
        up.start();
        pump(child, end);
    }

    private static void pump(Connection from, Connection to) {
        try {
            while (true) {
                byte[] frame = from.recvBytes();
                to.sendBytes(frame);
            }
        } catch (IOException | RuntimeException e) {
            // EOF or a broken side: end the relay so the other endpoint sees EOF too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}

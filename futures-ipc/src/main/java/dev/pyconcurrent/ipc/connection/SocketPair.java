package dev.pyconcurrent.ipc.connection;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Emulates {@code socketpair(AF_UNIX, SOCK_STREAM)}, which the JDK does not expose.
 *
 * <p>How (the same recipe as the JDK's own {@code sun.nio.ch.PipeImpl} on Windows):
 * <ol>
 *   <li>listen on a fresh short path inside the per-JVM 0700 directory ({@link SocketDirectory}),
 *       so only this user can even reach it;</li>
 *   <li>connect to it, and unlink the path at once: the pending connection sits in the listener's
 *       backlog, so the file is not needed any more and disappears before {@code open} returns;</li>
 *   <li>the connecting end writes a fresh 16-byte random secret; accept, and keep the accepted
 *       socket only if it presents that secret (checked in constant time, with a deadline), so a
 *       third process racing to the path in the short window cannot become the peer.</li>
 * </ol>
 *
 * <p>CPython counterpart: {@code socket.socketpair()} as used by
 * {@code Lib/multiprocessing/connection.py: Pipe} (and {@code Lib/socket.py}'s own emulation of
 * socketpair over loopback TCP on platforms that lack it). The result goes through no network
 * stack and needs no port.
 */
final class SocketPair {
    private static final int SECRET_BYTES = 16;
    private static final int MAX_ACCEPT_ATTEMPTS = 8;
    private static final long SECRET_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SocketPair() {
    }

    /** Returns two connected blocking-mode channels: {@code [accepted, connecting]}. */
    static SocketChannel[] open() throws IOException {
        Path path = SocketDirectory.newSocketPath("pair-");
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        SocketChannel connecting = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address, 1);
            try {
                connecting = SocketChannel.open(address);
            } finally {
                SocketDirectory.delete(path);              // the backlog holds our connection now
            }
            ByteBuffer out = ByteBuffer.wrap(secret);
            while (out.hasRemaining()) {
                connecting.write(out);                     // 16 bytes: fits any socket buffer
            }
            for (int attempt = 0; attempt < MAX_ACCEPT_ATTEMPTS; attempt++) {
                SocketChannel accepted = server.accept();
                if (presentsSecret(accepted, secret)) {
                    return new SocketChannel[] {accepted, connecting};
                }
                accepted.close();                          // an intruder: drop it, wait for ours
            }
            throw new IOException("socket pair: our own connection never presented its secret");
        } catch (IOException | RuntimeException e) {
            if (connecting != null) {
                connecting.close();
            }
            throw e;
        }
    }

    /** Reads the secret with a deadline, so a silent intruder cannot stall us. */
    private static boolean presentsSecret(SocketChannel accepted, byte[] secret) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(SECRET_BYTES);
        accepted.configureBlocking(false);
        long deadline = System.nanoTime() + SECRET_DEADLINE_NANOS;
        try (Selector selector = Selector.open()) {
            accepted.register(selector, SelectionKey.OP_READ);
            while (in.hasRemaining()) {
                int n = accepted.read(in);
                if (n < 0) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (n == 0) {
                    if (left <= 0) {
                        return false;
                    }
                    selector.select(Math.max(1L, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        }
        accepted.configureBlocking(true);                  // the selector is closed: key is gone
        return MessageDigest.isEqual(in.array(), secret);
    }
}

package dev.pyconcurrent.ipc.connection;

import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A bound, listening socket that hands out authenticated {@link Connection}s.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/connection.py: Listener} (with
 * {@code SocketListener}). As there: the family follows the address ({@link UnixDomainSocketAddress}
 * or {@link InetSocketAddress}); TCP sets {@code SO_REUSEADDR}; a second listener on an address in
 * use fails; with an authkey every accepted connection first passes the mutual HMAC handshake
 * ({@link Authentication}: we challenge, then answer) and a failure closes it and throws
 * {@link AuthenticationException}; a {@code null} authkey skips the handshake while an empty one
 * does not. The Unix socket file is removed on close, and by a shutdown hook if the listener is
 * never closed. Java differs: {@code accept()} after {@code close()} throws
 * {@link ConnectionStateException}; accepted connections use the serializer chosen with
 * {@link #useSerializer}.
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   BOUND --accept() (any number, from any threads)--&gt; BOUND
 *   BOUND --close()--&gt; CLOSED (terminal, idempotent; a thread blocked in accept() wakes with
 *                                ConnectionStateException; the socket file is unlinked)
 * </pre>
 */
public final class Listener implements AutoCloseable {
    private final ServerSocketChannel server;
    private final SocketAddress address;
    private final byte[] authkey;
    private final Path socketFile;
    private volatile Serializer serializer = Serializers.defaultSerializer();
    private volatile boolean closed;

    /** A listener on a fresh Unix socket path in this JVM's private directory, no authentication. */
    public Listener() throws IOException {
        this(null, null);
    }

    /**
     * Binds to {@code address} (a fresh private Unix path if {@code null}) with backlog 1, as
     * CPython's default.
     *
     * @param authkey the shared secret, or {@code null} for no handshake
     */
    public Listener(SocketAddress address, byte[] authkey) throws IOException {
        this(address, authkey, 1);
    }

    public Listener(SocketAddress address, byte[] authkey, int backlog) throws IOException {
        SocketAddress target = address == null ? Addresses.arbitraryUnix() : address;
        this.authkey = authkey == null ? null : authkey.clone();
        if (target instanceof UnixDomainSocketAddress unix) {
            Path path = unix.getPath();
            if (!SocketDirectory.fitsSocketPath(path.toAbsolutePath())) {
                throw new IllegalArgumentException("Unix socket path longer than "
                        + SocketDirectory.MAX_SOCKET_PATH_BYTES + " bytes: " + path);
            }
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(unix, backlog);                // fails if the path exists: in use
            } catch (IOException e) {
                server.close();
                throw e;
            }
            SocketDirectory.register(path);                // we created the file: we remove it
            this.socketFile = path;
            this.address = unix;
        } else if (target instanceof InetSocketAddress inet) {
            this.server = ServerSocketChannel.open();
            try {
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(inet, backlog);
            } catch (IOException e) {
                server.close();
                throw e;
            }
            this.socketFile = null;
            this.address = server.getLocalAddress();       // the real port when 0 was asked for
        } else {
            throw new IllegalArgumentException("unsupported address type: " + target.getClass().getName());
        }
    }

    /**
     * Waits for a client, runs the handshake if this listener has an authkey, and returns the
     * connection.
     *
     * @throws AuthenticationException if the client fails the handshake (its connection is closed)
     * @throws ConnectionStateException if this listener is closed
     */
    public Connection accept() throws IOException {
        if (closed) {
            throw new ConnectionStateException("listener is closed");
        }
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (ClosedChannelException e) {
            ConnectionStateException c = new ConnectionStateException("listener is closed");
            c.initCause(e);
            throw c;
        }
        return Connection.openAuthenticated(channel, address instanceof InetSocketAddress, serializer, authkey, true);
    }

    /** The bound address (for TCP with port 0, the port the system chose). */
    public SocketAddress address() {
        return address;
    }

    /** Accepted connections use {@code serializer} for send/recv; returns this listener. */
    public Listener useSerializer(Serializer serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        return this;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops listening and unlinks the Unix socket file; idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } finally {
            if (socketFile != null) {
                SocketDirectory.delete(socketFile);
            }
        }
    }

    @Override
    public String toString() {
        return "Listener[" + address + (authkey != null ? ", authenticated" : "") + (closed ? ", closed" : "") + "]";
    }
}

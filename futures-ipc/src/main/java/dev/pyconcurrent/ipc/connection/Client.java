package dev.pyconcurrent.ipc.connection;

import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Connects to a {@link Listener} (or to CPython's {@code multiprocessing.connection.Listener}).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/connection.py: Client(address, family=None,
 * authkey=None)} with {@code SocketClient}. With an authkey the client first answers the
 * listener's challenge and then challenges it ({@link Authentication}), so both sides are
 * authenticated before the connection is returned; on failure the connection is closed and
 * {@link AuthenticationException} is thrown. Java differs in that this is a static factory rather
 * than a function, TCP connections set {@code TCP_NODELAY}, and the serializer can be chosen.
 */
public final class Client {
    private Client() {
    }

    /** Connects without authentication. */
    public static Connection connect(SocketAddress address) throws IOException {
        return connect(address, null, Serializers.defaultSerializer());
    }

    /** Connects and, if {@code authkey} is not {@code null}, runs the mutual handshake. */
    public static Connection connect(SocketAddress address, byte[] authkey) throws IOException {
        return connect(address, authkey, Serializers.defaultSerializer());
    }

    /** As {@link #connect(SocketAddress, byte[])}, with {@code serializer} for send/recv. */
    public static Connection connect(SocketAddress address, byte[] authkey, Serializer serializer)
            throws IOException {
        SocketChannel channel;
        if (address instanceof UnixDomainSocketAddress) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } else if (address instanceof InetSocketAddress) {
            channel = SocketChannel.open();
        } else {
            throw new IllegalArgumentException("unsupported address type: "
                    + (address == null ? "null" : address.getClass().getName()));
        }
        try {
            channel.connect(address);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Connection.openAuthenticated(channel, address instanceof InetSocketAddress, serializer, authkey, false);
    }
}

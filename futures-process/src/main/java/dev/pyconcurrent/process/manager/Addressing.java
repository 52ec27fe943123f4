package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.ipc.connection.Addresses;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * Manager addresses as text ({@code /path/socket} or {@code host:port}), the form {@link Token}s carry, and back.
 * CPython keeps the address object itself (a str or a tuple) in its tokens.
 */
final class Addressing {
    private Addressing() {
    }

    static String format(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath().toString();
        }
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        throw new IllegalArgumentException("unsupported address type: " + address);
    }

    static SocketAddress parse(String address) {
        return Addresses.parse(address);
    }
}

package dev.pyconcurrent.ipc.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/**
 * Parses and invents listener addresses: a Unix socket path, or {@code host:port} for TCP.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/connection.py: address_type} and
 * {@code arbitrary_address}. CPython tells families apart by Python type (a tuple is AF_INET, a
 * string AF_UNIX, a string starting with two backslashes AF_PIPE); Java uses
 * {@link InetSocketAddress} and {@link UnixDomainSocketAddress}, and {@link #parse(String)} for
 * strings. Windows named pipes are not supported.
 */
public final class Addresses {
    private Addresses() {
    }

    /**
     * {@code "host:port"} (port all digits, host without '/') becomes a TCP address; a string
     * starting with two backslashes is refused (AF_PIPE is Windows-only); anything else is a Unix
     * socket path.
     */
    public static SocketAddress parse(String address) {
        if (address.startsWith("\\\\")) {
            throw new IllegalArgumentException("Family AF_PIPE is not recognized: '" + address
                    + "' is a Windows named pipe");
        }
        int colon = address.lastIndexOf(':');
        if (colon > 0 && colon < address.length() - 1 && address.indexOf('/') < 0
                && address.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            String host = address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);   // [::1]:port
            }
            return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
        }
        return UnixDomainSocketAddress.of(address);
    }

    /** A fresh Unix socket path in this JVM's private 0700 directory (removed at exit). */
    public static UnixDomainSocketAddress arbitraryUnix() {
        return UnixDomainSocketAddress.of(SocketDirectory.newSocketPath("listener-"));
    }

    /** {@code localhost:0}: the system picks a free port. */
    public static InetSocketAddress arbitraryTcp() {
        return new InetSocketAddress("localhost", 0);
    }
}

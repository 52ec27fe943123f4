package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Listener / Client over Unix sockets and TCP.
 *
 * <p>Ports CPython {@code Lib/test/_test_multiprocessing.py: _TestListener.test_multiple_bind,
 * test_context, test_empty_authkey; _TestListenerClient.test_listener_client (client in a thread
 * here; a child JVM is exercised by the futures-process module), test_issue14725,
 * test_issue16955; TestInvalidFamily.test_invalid_family}; plus the library rows for authkey
 * handling (null skips the handshake) and "socket files are removed on close".
 * Not ported: {@code test_abstract_socket} (the JDK has no Linux abstract-namespace addresses).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ListenerClientTest {
    private static final byte[] KEY = "top secret".getBytes();

    static Stream<Arguments> families() {
        return Stream.of(Arguments.of("unix"), Arguments.of("tcp"));
    }

    private static SocketAddress arbitrary(String family) {
        return family.equals("unix") ? Addresses.arbitraryUnix() : Addresses.arbitraryTcp();
    }

    private static CompletableFuture<Connection> acceptAsync(Listener l) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return l.accept();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("families")
    void clientMessageReachesTheAcceptedConnection(String family) throws Exception {
        try (Listener l = new Listener(arbitrary(family), KEY)) {
            CompletableFuture<Connection> accepted = acceptAsync(l);
            try (Connection c = Client.connect(l.address(), KEY); Connection s = accepted.get(10, TimeUnit.SECONDS)) {
                c.send("hello");
                assertEquals("hello", s.recv());
                s.send("back");
                assertEquals("back", c.recv());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void secondListenerOnAnAddressInUseFails(String family) throws Exception {
        try (Listener l = new Listener(arbitrary(family), null)) {
            assertThrows(IOException.class, () -> new Listener(l.address(), null));
        }
    }

    @Test
    void listenerClientAndAcceptedConnectionAreAutoCloseableAndAcceptAfterCloseFails() throws Exception {
        Listener l = new Listener();
        Connection c;
        Connection s;
        try (l) {
            CompletableFuture<Connection> accepted = acceptAsync(l);
            try (Connection client = Client.connect(l.address()); Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                c = client;
                s = server;
                client.sendBytes("x".getBytes());
                assertArrayEquals("x".getBytes(), server.recvBytes());
            }
        }
        assertTrue(c.isClosed());
        assertTrue(s.isClosed());
        assertTrue(l.isClosed());
        assertThrows(ConnectionStateException.class, l::accept);
    }

    @Test
    void closeWakesAThreadBlockedInAccept() throws Exception {
        Listener l = new Listener();
        CompletableFuture<Connection> accepted = acceptAsync(l);
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> {
            try {
                l.close();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> accepted.get(10, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionStateException.class, e.getCause().getCause());
    }

    @Test
    void emptyAuthkeyStillRunsTheHandshakeAndConnects() throws Exception {
        try (Listener l = new Listener(null, new byte[0])) {
            CompletableFuture<Connection> accepted = acceptAsync(l);
            try (Connection c = Client.connect(l.address(), new byte[0]); Connection s = accepted.get(10, TimeUnit.SECONDS)) {
                c.sendBytes("ok".getBytes());
                assertArrayEquals("ok".getBytes(), s.recvBytes());
            }
        }
    }

    @Test
    void clientThatConnectsWritesAndClosesBeforeAcceptIsStillAccepted() throws Exception {
        try (Listener l = new Listener(null, null)) {
            try (Connection c = Client.connect(l.address())) {
                c.send(123);
            }
            try (Connection s = l.accept()) {
                assertEquals(123, s.recv());
            }
        }
    }

    @Test
    void pollSeesDataSentOnTheAcceptedConnection() throws Exception {
        try (Listener l = new Listener(Addresses.arbitraryTcp(), null)) {
            CompletableFuture<Connection> accepted = acceptAsync(l);
            try (Connection c = Client.connect(l.address()); Connection s = accepted.get(10, TimeUnit.SECONDS)) {
                s.sendBytes("hello".getBytes());
                assertTrue(c.poll(1, TimeUnit.SECONDS));
                assertArrayEquals("hello".getBytes(), c.recvBytes());
            }
        }
    }

    @Test
    void wrongAuthkeyFailsOnBothSidesAndNoDataIsExchanged() throws Exception {
        try (Listener l = new Listener(null, KEY)) {
            CompletableFuture<Connection> accepted = acceptAsync(l);
            AuthenticationException client = assertThrows(AuthenticationException.class,
                    () -> Client.connect(l.address(), "wrong".getBytes()));
            assertEquals("digest sent was rejected", client.getMessage());
            ExecutionException server = assertThrows(ExecutionException.class, () -> accepted.get(10, TimeUnit.SECONDS));
            assertInstanceOf(AuthenticationException.class, server.getCause().getCause());
            assertEquals("digest received was wrong", server.getCause().getCause().getMessage());
        }
    }

    @Test
    void unixSocketFileIsRemovedOnClose() throws Exception {
        UnixDomainSocketAddress address = Addresses.arbitraryUnix();
        Path path = address.getPath();
        try (Listener l = new Listener(address, null)) {
            assertTrue(Files.exists(path));
        }
        assertFalse(Files.exists(path));
        try (var files = Files.list(SocketDirectory.directory())) {
            assertEquals(0, files.filter(f -> f.equals(path)).count());
        }
    }

    @Test
    void tcpListenerReportsTheChosenPort() throws Exception {
        try (Listener l = new Listener(new InetSocketAddress("localhost", 0), null)) {
            assertTrue(((InetSocketAddress) l.address()).getPort() > 0);
        }
    }

    @Test
    void addressesParseHostPortAsTcpPathsAsUnixAndRefuseWindowsPipes() {
        assertEquals(new InetSocketAddress("localhost", 6000), Addresses.parse("localhost:6000"));
        assertEquals(UnixDomainSocketAddress.of("/tmp/x.sock"), Addresses.parse("/tmp/x.sock"));
        assertThrows(IllegalArgumentException.class, () -> Addresses.parse("\\\\.\\pipe\\test"));
    }
}

package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken peers: a raw socket on the other end writes whatever bytes the test wants.
 * Derived from conformance §2.5 (exact framing) rather than from a CPython test.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadInputTest {

    /** A Connection whose peer is a raw channel, so tests can write malformed bytes. */
    private record RawPeer(Connection connection, SocketChannel raw) implements AutoCloseable {
        static RawPeer open() throws Exception {
            try (Listener listener = new Listener()) {
                CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(() -> {
                    try {
                        return listener.accept();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                SocketChannel raw = SocketChannel.open(listener.address());
                return new RawPeer(accepted.get(10, TimeUnit.SECONDS), raw);
            }
        }

        void write(byte[] bytes) throws Exception {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                raw.write(b);
            }
        }

        @Override
        public void close() throws java.io.IOException {
            connection.close();
            raw.close();
        }
    }

    @Test
    void truncatedPayloadAtEofIsABadFrameAndDisablesReading() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            p.write(new byte[] {0, 0, 0, 10, 1, 2, 3});
            p.raw().close();
            BadFrameException e = assertThrows(BadFrameException.class, () -> p.connection().recvBytes());
            assertTrue(e.getMessage().startsWith("got end of file during message"), e.getMessage());
            assertFalse(p.connection().isReadable());
        }
    }

    @Test
    void truncatedHeaderAtEofIsABadFrameNotAnEof() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            p.write(new byte[] {0, 0});
            p.raw().close();
            BadFrameException e = assertThrows(BadFrameException.class, () -> p.connection().recvBytes());
            assertTrue(e.getMessage().contains("header bytes"), e.getMessage());
        }
    }

    @Test
    void eofAtAFrameBoundaryIsAnEofException() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            p.write(new byte[] {0, 0, 0, 1, 42});
            p.raw().close();
            assertArrayEquals(new byte[] {42}, p.connection().recvBytes());
            assertThrows(EOFException.class, () -> p.connection().recvBytes());
            assertTrue(p.connection().isReadable(), "a clean EOF poisons nothing");
        }
    }

    @Test
    void negativeLengthHeaderIsRefused() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            p.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe});
            BadFrameException e = assertThrows(BadFrameException.class, () -> p.connection().recvBytes());
            assertEquals("bad message length: negative length -2", e.getMessage());
            assertFalse(p.connection().isReadable());
        }
    }

    @Test
    void longHeaderWithASmallLengthIsAccepted() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            p.write(new byte[] {-1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 3, 'a', 'b', 'c'});
            assertEquals("abc", new String(p.connection().recvBytes()));
        }
    }

    @Test
    void longHeaderBeyondAJavaArrayIsRefusedWithoutAllocating() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            p.write(new byte[] {-1, -1, -1, -1, 0, 0, 0, 1, 0, 0, 0, 0});   // 2^32 bytes
            BadFrameException e = assertThrows(BadFrameException.class, () -> p.connection().recvBytes());
            assertTrue(e.getMessage().contains("4294967296"), e.getMessage());
        }
    }

    @Test
    void oversizedLengthHeaderAboveMaxLengthIsRefusedBeforeReadingThePayload() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            p.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            BadFrameException e = assertThrows(BadFrameException.class, () -> p.connection().recvBytes(1024));
            assertEquals("bad message length: 2147483647 bytes exceeds the maximum of 1024", e.getMessage());
        }
    }

    @Test
    void hugeLengthHeaderFromAPeerThatThenDiesDoesNotAllocateTheAnnouncedSize() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            p.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3});
            p.raw().close();
            assertThrows(BadFrameException.class, () -> p.connection().recvBytes());
        }
    }

    @Test
    void peerThatDiesMidMessageGivesABadFrameAfterThePartialPayload() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            byte[] partial = new byte[4 + 200_000];
            ByteBuffer.wrap(partial).putInt(1_000_000);
            CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    p.connection().recvBytes();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            p.write(partial);
            p.raw().close();
            Throwable t = reader.get(10, TimeUnit.SECONDS);
            assertTrue(t instanceof BadFrameException && t.getMessage().contains("200000 of 1000000"),
                    String.valueOf(t));
        }
    }

    @Test
    void garbageAfterTheHandshakeIsABadFrame() throws Exception {
        byte[] key = "secret".getBytes();
        try (Listener listener = new Listener(null, key)) {
            CompletableFuture<Connection> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return listener.accept();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Connection client = Client.connect(listener.address(), key);
                 Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                // Bypass framing: raw bytes that are not a frame (negative length "\xde\xad\xbe\xef").
                client.sendBytes(new byte[] {1, 2, 3});    // a valid frame first
                assertArrayEquals(new byte[] {1, 2, 3}, server.recvBytes());
                var raw = rawChannelOf(client);
                raw.write(ByteBuffer.wrap(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));
                assertThrows(BadFrameException.class, server::recvBytes);
                assertFalse(server.isReadable());
            }
        }
    }

    @Test
    void unreadableConnectionReportsWhy() throws Exception {
        try (RawPeer p = RawPeer.open()) {
            p.write(new byte[] {(byte) 0x80, 0, 0, 0});
            assertThrows(BadFrameException.class, () -> p.connection().recvBytes());
            ConnectionStateException e = assertThrows(ConnectionStateException.class, () -> p.connection().recv());
            assertTrue(e.getMessage().startsWith("connection is no longer readable after: bad message length"),
                    e.getMessage());
        }
    }

    private static SocketChannel rawChannelOf(Connection c) throws Exception {
        var f = Connection.class.getDeclaredField("channel");
        f.setAccessible(true);
        return (SocketChannel) f.get(c);
    }
}

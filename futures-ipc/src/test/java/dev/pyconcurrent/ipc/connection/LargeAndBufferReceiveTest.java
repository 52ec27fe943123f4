package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Connection#recvBytesInto(ByteBuffer)} and the large-payload receive path (payloads read
 * past the read-ahead buffer, straight into a direct destination or through one bounce).
 *
 * <p>Ports from CPython {@code Lib/test/_test_multiprocessing.py}: {@code _TestConnection.test_connection}'s
 * {@code recv_bytes_into} part (any writable buffer, an offset, and {@code BufferTooShort} carrying
 * the whole message with the connection still usable), here with {@code ByteBuffer}s whose position is
 * the offset. The "arrives in pieces" tests are derived from conformance §2.5 (exact framing).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LargeAndBufferReceiveTest {
    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] remainingBytes(ByteBuffer from, int position, int length) {
        byte[] out = new byte[length];
        from.get(position, out);
        return out;
    }

    @Test
    void directBufferReceivesAtItsPositionAndAdvancesIt() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.first().sendBytes(new byte[] {1, 2, 3});
            ByteBuffer buffer = ByteBuffer.allocateDirect(16).position(5);
            assertEquals(3, p.second().recvBytesInto(buffer));
            assertEquals(8, buffer.position());
            assertEquals(16, buffer.limit());
            assertArrayEquals(new byte[] {0, 1, 2, 3, 0}, remainingBytes(buffer, 4, 5));
        }
    }

    @Test
    void heapBufferReceivesAtItsPositionAndKeepsItsLimit() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.first().sendBytes(new byte[] {7, 8});
            ByteBuffer buffer = ByteBuffer.allocate(10).position(2).limit(6);
            assertEquals(2, p.second().recvBytesInto(buffer));
            assertEquals(4, buffer.position());
            assertEquals(6, buffer.limit());
            assertArrayEquals(new byte[] {0, 0, 7, 8, 0, 0, 0, 0, 0, 0}, buffer.array());
        }
    }

    @Test
    void messageThatExactlyFitsFillsTheBufferToItsLimit() throws Exception {
        byte[] message = randomBytes(100_000, 1);
        try (Pipe p = Pipe.open()) {
            p.first().sendBytes(message);
            ByteBuffer buffer = ByteBuffer.allocateDirect(100_000);
            assertEquals(100_000, p.second().recvBytesInto(buffer));
            assertFalse(buffer.hasRemaining());
            assertArrayEquals(message, remainingBytes(buffer, 0, 100_000));
        }
    }

    @Test
    void tooShortBufferCarriesTheWholeMessageLeavesTheBufferAloneAndKeepsTheConnection() throws Exception {
        byte[] large = randomBytes(200_000, 2);
        try (Pipe p = Pipe.open()) {
            p.first().sendBytes(large);
            p.first().sendBytes(new byte[] {9});
            ByteBuffer buffer = ByteBuffer.allocateDirect(200_000).position(1);
            BufferTooShortException e = assertThrows(BufferTooShortException.class,
                    () -> p.second().recvBytesInto(buffer));
            assertArrayEquals(large, e.messageBytes());
            assertEquals(1, buffer.position());
            assertEquals(200_000, buffer.limit());
            assertTrue(p.second().isReadable());
            assertArrayEquals(new byte[] {9}, p.second().recvBytes());
        }
    }

    @Test
    void readOnlyBufferIsRejectedBeforeAnythingIsConsumed() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.first().sendBytes(new byte[] {4});
            ByteBuffer readOnly = ByteBuffer.allocate(4).asReadOnlyBuffer();
            assertThrows(IllegalArgumentException.class, () -> p.second().recvBytesInto(readOnly));
            assertArrayEquals(new byte[] {4}, p.second().recvBytes());
        }
    }

    @Test
    void sixteenMebibyteMessageIntoADirectBufferRoundTrips() throws Exception {
        sixteenMebibytesInto(ByteBuffer.allocateDirect(SIXTEEN_MIB + 3).position(3));
    }

    @Test
    void sixteenMebibyteMessageIntoAHeapBufferRoundTrips() throws Exception {
        sixteenMebibytesInto(ByteBuffer.allocate(SIXTEEN_MIB + 3).position(3));
    }

    private static void sixteenMebibytesInto(ByteBuffer buffer) throws Exception {
        byte[] big = randomBytes(SIXTEEN_MIB, 3);
        try (Pipe p = Pipe.open(); Echo echo = Echo.start(p.second())) {
            p.first().sendBytes(big);
            p.first().sendBytes(new byte[] {5, 6});        // the next frame must stay intact
            assertEquals(SIXTEEN_MIB, p.first().recvBytesInto(buffer));
            assertEquals(SIXTEEN_MIB + 3, buffer.position());
            assertArrayEquals(big, remainingBytes(buffer, 3, SIXTEEN_MIB));
            assertArrayEquals(new byte[] {5, 6}, p.first().recvBytes());
        }
    }

    // ------------------------------------------------------------ a large message in pieces

    /**
     * A raw peer writes a 1 MB frame in uneven pieces (a header split in two, pieces smaller and
     * larger than the read-ahead buffer) with short pauses, then the tail of the payload and a
     * whole small frame in one write; the receiver must get exactly the large message, then the
     * small one.
     */
    private static void largeMessageInPieces(Function<Connection, byte[]> receive) throws Exception {
        byte[] payload = randomBytes(1_000_000, 4);
        byte[] stream = new byte[4 + payload.length + 4 + 2];
        ByteBuffer.wrap(stream).putInt(payload.length).put(payload).putInt(2).put((byte) 7).put((byte) 8);
        int[] cuts = {2, 4, 1_000, 70_000, 70_001, 300_000, 300_003, 900_000};
        SocketChannel[] pair = SocketPair.open();
        try (Connection connection = new Connection(pair[0], true, true)) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> receive.apply(connection));
            int from = 0;
            for (int cut : cuts) {
                writeFully(pair[1], stream, from, cut);
                from = cut;
                TimeUnit.MILLISECONDS.sleep(2);                 // a slow peer, not synchronisation
            }
            writeFully(pair[1], stream, from, stream.length);
            assertArrayEquals(payload, received.get(10, TimeUnit.SECONDS));
            assertArrayEquals(new byte[] {7, 8}, connection.recvBytes());
        } finally {
            pair[1].close();
        }
    }

    private static void writeFully(SocketChannel channel, byte[] bytes, int from, int to) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(bytes, from, to - from);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static byte[] unchecked(IoCall call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private interface IoCall {
        byte[] run() throws Exception;
    }

    @Test
    void largeMessageArrivingInPiecesIsReassembledByRecvBytes() throws Exception {
        largeMessageInPieces(c -> unchecked(c::recvBytes));
    }

    @Test
    void largeMessageArrivingInPiecesIsReassembledIntoADirectBuffer() throws Exception {
        largeMessageInPieces(c -> unchecked(() -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(1_500_000);
            int n = c.recvBytesInto(buffer);
            assertEquals(n, buffer.position());
            return remainingBytes(buffer, 0, n);
        }));
    }

    @Test
    void largeMessageArrivingInPiecesIsReassembledIntoAnArrayAtAnOffset() throws Exception {
        largeMessageInPieces(c -> unchecked(() -> {
            byte[] array = new byte[1_000_010];
            int n = c.recvBytesInto(array, 10);
            return Arrays.copyOfRange(array, 10, 10 + n);
        }));
    }

    @Test
    void peerThatDiesInsideALargePayloadReadDirectlyPoisonsReading() throws Exception {
        SocketChannel[] pair = SocketPair.open();
        try (Connection connection = new Connection(pair[0], true, true)) {
            byte[] partial = new byte[4 + 300_000];
            ByteBuffer.wrap(partial).putInt(1_000_000);
            CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    connection.recvBytesInto(ByteBuffer.allocateDirect(1_000_000));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            writeFully(pair[1], partial, 0, partial.length);
            pair[1].close();
            Throwable t = reader.get(10, TimeUnit.SECONDS);
            assertTrue(t instanceof BadFrameException && t.getMessage().contains("300000 of 1000000"),
                    String.valueOf(t));
            assertFalse(connection.isReadable());
            assertThrows(ConnectionStateException.class, connection::recvBytes);
        }
    }
}

package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded "bash" tests of the documented thread-safety of {@link Connection}: send and receive
 * each hold their own lock for a whole frame, so many threads may send (or receive) on one end at
 * once without interleaving bytes. CPython makes no such promise; nothing to port.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrencyStressTest {
    private static final int SENDERS = 6;
    private static final int MESSAGES_PER_SENDER = 300;

    /** Message: [sender:int][seq:int][fill...] where every fill byte is (sender*31+seq). */
    private static byte[] message(int sender, int seq) {
        int size = 8 + (seq % 7 == 0 ? 100_000 : seq % 300);    // some exceed one 64 KiB chunk
        ByteBuffer b = ByteBuffer.allocate(size).putInt(sender).putInt(seq);
        byte fill = (byte) (sender * 31 + seq);
        while (b.hasRemaining()) {
            b.put(fill);
        }
        return b.array();
    }

    private static void checkIntact(byte[] m) {
        ByteBuffer b = ByteBuffer.wrap(m);
        int sender = b.getInt();
        int seq = b.getInt();
        assertEquals(message(sender, seq).length, m.length, "length of " + sender + "/" + seq);
        byte fill = (byte) (sender * 31 + seq);
        while (b.hasRemaining()) {
            if (b.get() != fill) {
                throw new AssertionError("interleaved bytes in message " + sender + "/" + seq);
            }
        }
    }

    @Test
    void concurrentSendersNeverInterleaveFramesAndKeepPerSenderOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try (Pipe p = Pipe.open()) {
            List<Future<?>> sends = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                sends.add(pool.submit(() -> {
                    for (int i = 0; i < MESSAGES_PER_SENDER; i++) {
                        p.first().sendBytes(message(sender, i));
                    }
                    return null;
                }));
            }
            Map<Integer, Integer> nextSeq = new HashMap<>();
            for (int n = 0; n < SENDERS * MESSAGES_PER_SENDER; n++) {
                byte[] m = p.second().recvBytes();
                checkIntact(m);
                ByteBuffer b = ByteBuffer.wrap(m);
                int sender = b.getInt();
                int seq = b.getInt();
                assertEquals(nextSeq.getOrDefault(sender, 0), seq, "order of sender " + sender);
                nextSeq.put(sender, seq + 1);
            }
            for (Future<?> f : sends) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentReceiversEachGetWholeMessagesAndNoneIsLost() throws Exception {
        int receivers = 4;
        int total = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(receivers);
        try (Pipe p = Pipe.open()) {
            AtomicInteger received = new AtomicInteger();
            List<Future<?>> reads = new ArrayList<>();
            for (int r = 0; r < receivers; r++) {
                reads.add(pool.submit(() -> {
                    while (true) {
                        byte[] m;
                        try {
                            m = p.second().recvBytes();
                        } catch (EOFException eof) {
                            return null;
                        }
                        checkIntact(m);
                        received.incrementAndGet();
                    }
                }));
            }
            for (int i = 0; i < total; i++) {
                p.first().sendBytes(message(0, i));
            }
            p.first().close();                             // every receiver ends with EOF
            for (Future<?> f : reads) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(total, received.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedPipeStaysClosedWhateverIsTriedAfterwards() throws Exception {
        Pipe p = Pipe.open();
        p.close();
        for (int i = 0; i < 3; i++) {
            assertTrue(p.first().isClosed());
            try {
                p.first().sendBytes(new byte[1]);
            } catch (ConnectionStateException expected) {
                // stays closed
            }
            p.close();
        }
        assertTrue(p.second().isClosed());
    }
}

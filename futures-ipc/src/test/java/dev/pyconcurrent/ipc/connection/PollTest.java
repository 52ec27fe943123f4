package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Connection#poll} semantics.
 *
 * <p>Ports CPython {@code Lib/test/_test_multiprocessing.py: _TestPoll.test_empty_string,
 * test_strings, test_boundaries, test_dont_merge}. In {@code test_boundaries} CPython polls from
 * another process while a message is written; here another thread polls in a tight loop while a
 * large message is written in pieces, which exercises the same property: poll never consumes part
 * of a message.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PollTest {

    @Test
    void emptyMessageMakesPollTrueUntilItIsRead() throws Exception {
        try (Pipe p = Pipe.open()) {
            assertFalse(p.second().poll());
            p.first().sendBytes(new byte[0]);
            assertTrue(p.second().poll(5, TimeUnit.SECONDS));
            assertTrue(p.second().poll(), "still true: nothing consumed");
            assertArrayEquals(new byte[0], p.second().recvBytes());
            assertFalse(p.second().poll());
        }
    }

    @Test
    void mixOfEmptyAndNonEmptyMessagesArrivesInOrderAndIntact() throws Exception {
        List<byte[]> strings = List.of("hello".getBytes(), new byte[0], "a".getBytes(), "b".getBytes(),
                "cd".getBytes(), new byte[0], "e".repeat(1000).getBytes(), new byte[0]);
        try (Pipe p = Pipe.open()) {
            for (byte[] s : strings) {
                p.first().sendBytes(s);
            }
            for (byte[] s : strings) {
                assertTrue(p.second().poll(5, TimeUnit.SECONDS));
                assertArrayEquals(s, p.second().recvBytes());
            }
            assertFalse(p.second().poll());
        }
    }

    @Test
    void pollInAnotherThreadNeverConsumesPartOfAMessage() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (Pipe p = Pipe.open()) {
            List<Boolean> polls = new ArrayList<>();
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    while (!p.second().poll(10, TimeUnit.MILLISECONDS)) {
                        polls.add(false);
                    }
                    for (int i = 0; i < 100; i++) {
                        polls.add(p.second().poll());     // repeated polls mid-message
                    }
                    return p.second().recvBytes();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            p.first().sendBytes(big);
            p.first().sendBytes("tail".getBytes());
            assertArrayEquals(big, reader.get(20, TimeUnit.SECONDS));
            assertArrayEquals("tail".getBytes(), p.second().recvBytes());
            assertTrue(polls.contains(true));
        }
    }

    @Test
    void consecutiveSendsAreNeverMergedAndRepeatedPollsAreIdempotent() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.first().sendBytes("a".getBytes());
            p.first().sendBytes("b".getBytes());
            p.first().sendBytes("cd".getBytes());
            assertTrue(p.second().poll(5, TimeUnit.SECONDS));
            assertTrue(p.second().poll());
            assertEquals("a", new String(p.second().recvBytes()));
            assertTrue(p.second().poll());
            assertTrue(p.second().poll());
            assertEquals("b", new String(p.second().recvBytes()));
            assertTrue(p.second().poll());
            assertEquals("cd", new String(p.second().recvBytes()));
            assertFalse(p.second().poll());
        }
    }

    @Test
    void pollWithATimeoutWakesWhenAMessageArrives() throws Exception {
        try (Pipe p = Pipe.open()) {
            CompletableFuture.runAsync(() -> {
                try {
                    p.first().sendBytes("late".getBytes());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
            assertTrue(p.second().poll(10, TimeUnit.SECONDS));
            assertEquals("late", new String(p.second().recvBytes()));
        }
    }
}

package dev.pyconcurrent.ipc.queues;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.FrameBuffer;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.testing.Handles;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Queue#shutdown(boolean)} in the host JVM (one process, several threads). Ports from
 * CPython's {@code _test_multiprocessing.py::_TestQueue} (main branch): {@code test_shutdown_empty},
 * {@code test_shutdown_nonempty}, {@code test_shutdown_immediate},
 * {@code test_shutdown_immediate_with_unfinished} (their "also from other processes" halves are in
 * {@link QueueShutdownCrossProcessTest}); from {@code test_queue.py}: {@code test_shutdown_empty},
 * {@code test_shutdown_nonempty}, {@code test_shutdown_immediate} and
 * {@code test_shutdown_allowed_transitions}. Plus: blocked getters and putters wake, items that
 * reach the host after the shut-down are kept or dropped, and a shut-down queue stays shut down.
 */
@Timeout(30)
class QueueShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    static Stream<IntFunction<Queue<String>>> kinds() {
        return Stream.of(Queue::new, JoinableQueue::new);
    }

    /** Waits until {@code t} is parked inside the queue (a blocked get or put), bounded. */
    private static void awaitParked(Thread t) {
        Awaitility.await().atMost(WAIT).until(() -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING);
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r, "shutdown-test-party");
        t.setDaemon(true);
        t.start();
        return t;
    }

    // ---------------------------------------------------------------- test_shutdown_empty

    @ParameterizedTest
    @MethodSource("kinds")
    void anEmptyShutDownQueueRefusesEveryPutAndGetVariant(IntFunction<Queue<String>> kind) {
        Queue<String> q = kind.apply(0);
        q.shutdown(false);
        assertEquals(0, q.qsize());
        assertTrue(q.isShutDown());
        assertThrows(QueueShutDownException.class, () -> q.put("data"));
        assertThrows(QueueShutDownException.class, () -> q.putNowait("data"));
        assertThrows(QueueShutDownException.class, () -> q.put("data", Duration.ofMillis(100)));
        assertThrows(QueueShutDownException.class, q::get);
        assertThrows(QueueShutDownException.class, q::getNowait);
        assertThrows(QueueShutDownException.class, () -> q.get(Duration.ofMillis(100)));
    }

    @Test
    void aJoinOnAnEmptyJoinableQueueReturnsAfterShutdown() throws Exception {
        JoinableQueue<String> q = new JoinableQueue<>();
        q.shutdown();
        assertTrue(q.join(WAIT));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aGetterBlockedOnAnEmptyQueueWakesWithShutDown(IntFunction<Queue<String>> kind) throws Exception {
        Queue<String> q = kind.apply(0);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread getter = start(() -> {
            try {
                outcome.complete(new AssertionError("got " + q.get()));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        awaitParked(getter);
        q.shutdown();
        assertInstanceOf(QueueShutDownException.class, outcome.get(5, TimeUnit.SECONDS));
    }

    // ---------------------------------------------------------------- test_shutdown_nonempty

    @Test
    void aPutterBlockedOnAFullQueueWakesWithShutDownAndTheQueuedItemStays() throws Exception {
        JoinableQueue<String> q = new JoinableQueue<>(1);
        q.putNowait("data");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread putter = start(() -> {
            try {
                q.put("data2");
                outcome.complete(new AssertionError("put returned"));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        awaitParked(putter);
        q.shutdown(false);
        assertInstanceOf(QueueShutDownException.class, outcome.get(5, TimeUnit.SECONDS));
        assertEquals(1, q.qsize());
        assertEquals("data", q.get());
        assertFalse(q.join(0.1), "join must wait for the taken item's taskDone");
        q.taskDone();
        assertTrue(q.join(WAIT));
        assertThrows(QueueShutDownException.class, q::getNowait);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aNonImmediateShutdownLetsGettersDrainTheItemsInOrderThenRefuses(IntFunction<Queue<String>> kind)
            throws Exception {
        Queue<String> q = kind.apply(0);
        q.put("a");
        q.put("b");
        q.put("c");
        q.shutdown();
        assertEquals("a", q.get());
        assertEquals("b", q.getNowait());
        assertEquals("c", q.get(Duration.ofMillis(100)));
        // shut down and empty: ShutDown, not Empty, whatever the timeout
        assertThrows(QueueShutDownException.class, () -> q.get(Duration.ofMillis(100)));
        assertThrows(QueueShutDownException.class, q::getNowait);
    }

    // ---------------------------------------------------------------- test_shutdown_immediate

    @Test
    void anImmediateShutdownDropsTheItemsReleasesJoinAndASurplusTaskDoneFails() throws Exception {
        JoinableQueue<String> q = new JoinableQueue<>();
        q.put("data");
        CompletableFuture<Boolean> joined = CompletableFuture.supplyAsync(() -> {
            try {
                return q.join(10.0);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        q.shutdown(true);
        assertEquals(0, q.qsize());
        assertTrue(joined.get(5, TimeUnit.SECONDS));
        assertEquals(0, q.unfinishedTasks());
        assertThrows(QueueShutDownException.class, () -> q.put("data"));
        assertThrows(QueueShutDownException.class, () -> q.putNowait("data"));
        assertThrows(QueueShutDownException.class, q::get);
        assertThrows(QueueShutDownException.class, q::getNowait);
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertTrue(e.getMessage().contains("task_done() called too many times"), e.getMessage());
    }

    @Test
    void anImmediateShutdownDropsTheItemsOfABoundedQueueAndFreesTheirSlots() {
        Queue<String> q = new Queue<>(3);
        q.putNowait("x");
        q.putNowait("y");
        assertEquals(2, q.qsize());
        q.shutdown(true);
        assertEquals(0, q.qsize());
        assertTrue(q.empty());
        assertFalse(q.full());
        assertEquals(2, q.core.droppedItems());
    }

    @Test
    void anImmediateShutdownWakesABlockedGetterAndABlockedPutter() throws Exception {
        Queue<String> empty = new Queue<>();
        Queue<String> full = new Queue<>(1);
        full.putNowait("only");
        CompletableFuture<Throwable> getOutcome = new CompletableFuture<>();
        CompletableFuture<Throwable> putOutcome = new CompletableFuture<>();
        Thread getter = start(() -> {
            try {
                getOutcome.complete(new AssertionError("got " + empty.get(Duration.ofSeconds(20))));
            } catch (Throwable t) {
                getOutcome.complete(t);
            }
        });
        Thread putter = start(() -> {
            try {
                full.put("more", Duration.ofSeconds(20));
                putOutcome.complete(new AssertionError("put returned"));
            } catch (Throwable t) {
                putOutcome.complete(t);
            }
        });
        awaitParked(getter);
        awaitParked(putter);
        empty.shutdown(true);
        full.shutdown(true);
        assertInstanceOf(QueueShutDownException.class, getOutcome.get(5, TimeUnit.SECONDS));
        assertInstanceOf(QueueShutDownException.class, putOutcome.get(5, TimeUnit.SECONDS));
        assertEquals(0, full.qsize());
    }

    // ---------------------------------------------------------------- test_shutdown_immediate_with_unfinished

    @Test
    void anImmediateShutdownWithATakenItemKeepsJoinWaitingUntilItsTaskDone() throws Exception {
        JoinableQueue<String> q = new JoinableQueue<>();
        q.put("data");
        q.put("data");
        assertEquals("data", q.get());
        q.shutdown(true);                                   // unfinished: 2 -> 1 (the taken one)
        assertEquals(0, q.qsize());
        assertFalse(q.join(0.1));
        assertThrows(QueueShutDownException.class, () -> q.put("data"));
        assertThrows(QueueShutDownException.class, q::getNowait);
        q.taskDone();
        assertTrue(q.join(WAIT));
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    // ---------------------------------------------------------------- transitions, confusion

    @Test
    void shutdownIsIdempotentAndImmediateAfterNonImmediateDropsWhatIsLeft() throws Exception {
        Queue<String> q = new Queue<>();
        assertFalse(q.isShutDown());
        q.put("a");
        q.put("b");
        q.shutdown();
        q.shutdown();
        assertTrue(q.isShutDown());
        assertEquals(2, q.qsize());                         // non-immediate twice: nothing dropped
        assertEquals("a", q.get());
        q.shutdown(true);
        assertEquals(0, q.qsize());
        assertEquals(1, q.core.droppedItems());
        q.shutdown(false);                                  // no way back from immediate
        assertTrue(q.isShutDown());
        assertEquals(QueueCore.SHUT_DOWN_IMMEDIATE, q.core.state());
    }

    @Test
    void aShutDownQueueStaysShutDownWhateverIsTriedOnIt() throws Exception {
        JoinableQueue<String> q = new JoinableQueue<>(2);
        q.put("kept");
        q.shutdown();
        for (int i = 0; i < 3; i++) {
            assertThrows(QueueShutDownException.class, () -> q.putNowait("again"));
            assertThrows(QueueShutDownException.class, () -> q.put("again", true, 0.05));
        }
        assertTrue(q.toString().contains("shut down"), q.toString());
        // a round trip through serialization gives back the same, still shut-down object
        Queue<String> same = Handles.decode(Handles.encode(q));
        assertTrue(same == q);
        assertTrue(same.isShutDown());
        assertEquals("kept", q.get());
        q.taskDone();
        assertThrows(QueueShutDownException.class, q::getNowait);
        assertEquals(0, q.qsize());
        assertEquals(0, q.unfinishedTasks());
        // closing this view is per process and does not undo or hide the shut-down
        q.close();
        assertTrue(q.isShutDown());
        assertThrows(IllegalStateException.class, () -> q.put("x"));
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> q.shutdown(true));
        assertFalse(closed instanceof QueueShutDownException, "a closed view reports closed first");
        assertEquals(QueueCore.SHUT_DOWN, q.core.state());
    }

    @Test
    void simpleQueueHasNoShutdownAsInCPython() {
        assertThrows(NoSuchMethodException.class, () -> SimpleQueue.class.getMethod("shutdown"));
        assertThrows(NoSuchMethodException.class, () -> SimpleQueue.class.getMethod("shutdown", boolean.class));
    }

    // ---------------------------------------------------------------- items arriving after the shut-down

    /** A PUT_BATCH stream frame as a proxy's feeder sends it, positioned as the host session hands it on. */
    private static ByteBuffer batch(String... items) {
        FrameBuffer f = new FrameBuffer(256).begin(HostProtocol.OP_PUT_BATCH).putLong(0).putInt(items.length);
        for (String s : items) {
            f.putSized(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ByteBuffer b = ByteBuffer.wrap(f.array(), 0, f.length());
        b.position(1 + 8);                                  // op and object id were read by the session
        return b;
    }

    @Test
    void itemsPutBeforeANonImmediateShutdownButArrivingAfterItAreStillQueued() throws Exception {
        QueueCore core = new QueueCore("test", 4, true);
        assertTrue(core.reserve(0, Caller.local()));       // a proxy's put: slot and task first...
        assertTrue(core.reserve(0, Caller.local()));
        core.shutdown(false);
        core.serveStream(HostProtocol.OP_PUT_BATCH, batch("p", "q"));   // ...its bytes later
        assertArrayEquals(new long[] {2, 2, 2}, core.sizes());
        assertEquals("p", new String(core.take(0, Caller.local()), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, core.droppedItems());
    }

    @Test
    void itemsPutBeforeAnImmediateShutdownButArrivingAfterItAreDroppedAndCountedAsDone() throws Exception {
        QueueCore core = new QueueCore("test", 4, true);
        for (int i = 0; i < 3; i++) {
            assertTrue(core.reserve(0, Caller.local()));
        }
        core.serveStream(HostProtocol.OP_PUT_BATCH, batch("queued"));
        core.shutdown(true);                                // drops the queued one
        assertArrayEquals(new long[] {0, 2, 2}, core.sizes());
        core.serveStream(HostProtocol.OP_PUT_BATCH, batch("late1", "late2"));
        assertArrayEquals(new long[] {0, 0, 0}, core.sizes());
        assertEquals(3, core.droppedItems());
        assertTrue(core.join(0, Caller.local()));
    }

    @Test
    void anItemWhoseDeliveryFailedAfterAnImmediateShutdownIsDroppedNotRequeued() throws Exception {
        QueueCore core = new QueueCore("test", 2, true);
        assertTrue(core.put(new byte[] {1}, 0, Caller.local()));
        byte[] taken = core.take(0, Caller.local());       // IN_FLIGHT to a remote getter...
        core.shutdown(true);
        core.putBack(taken);                                // ...whose reply could not be written
        assertArrayEquals(new long[] {0, 0, 0}, core.sizes());
        assertEquals(1, core.droppedItems());
    }
}

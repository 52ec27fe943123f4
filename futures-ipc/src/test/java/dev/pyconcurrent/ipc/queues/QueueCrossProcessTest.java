package dev.pyconcurrent.ipc.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.host.HostDiedException;
import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.ipc.testing.ChildJvm;
import dev.pyconcurrent.ipc.testing.ChildJvms;
import dev.pyconcurrent.ipc.testing.Handles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Queue} across real JVMs: the child receives the queue as an argument and uses a proxy.
 * Ports from CPython's {@code _test_multiprocessing.py::_TestQueue}: the child halves of
 * {@code test_put} and {@code test_get}, {@code test_fork} (FIFO 0..19, then Empty),
 * {@code test_qsize} from a producer process, {@code test_timeout} from a child,
 * {@code test_queue_feeder_donot_stop_onexc} in a child; plus the failure cases: a
 * consumer killed with SIGKILL loses nothing it had not taken, {@code maxsize=1} holds across
 * several producer processes, and a dead host fails a blocked {@code get} with
 * {@link HostDiedException} in bounded time.
 */
@Timeout(60)
class QueueCrossProcessTest {
    private static final Duration CHILD = Duration.ofSeconds(30);
    private final ChildJvms children = new ChildJvms();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    // ---------------------------------------------------------------- child mains

    static void drain(Object[] a) throws Exception {
        Queue<Integer> q = cast(a[0]);
        int n = (Integer) a[1];
        for (int i = 0; i < n; i++) {
            System.out.println(q.get(Duration.ofSeconds(10)));
        }
    }

    static void putAll(Object[] a) throws Exception {
        Queue<Object> q = cast(a[0]);
        for (int i = 1; i < a.length; i++) {
            q.put(a[i]);
        }
    }

    static void putThenReportSize(Object[] a) throws Exception {
        Queue<Integer> q = cast(a[0]);
        q.put(1);
        q.put(2);
        q.put(3);
        System.out.println(q.qsize() + " " + q.empty());
    }

    static void timedGetOnEmpty(Object[] a) throws Exception {
        Queue<Integer> q = cast(a[0]);
        long t0 = System.nanoTime();
        try {
            q.get(true, 0.2);
            System.out.println("GOT");
        } catch (QueueEmptyException e) {
            System.out.println("EMPTY " + (System.nanoTime() - t0) / 1_000_000);
        }
        try {
            q.put(99, false, 0);
            System.out.println("PUT");
        } catch (QueueFullException e) {
            System.out.println("FULL");
        }
    }

    static void putUnserializableThenTrue(Object[] a) throws Exception {
        Queue<Object> q = cast(a[0]);
        try {
            q.put(new Object());
            System.out.println("NO ERROR");
        } catch (SerializationException e) {
            System.out.println("REFUSED");
        }
        q.put(true);
        System.out.println(q.qsize());
    }

    static void takeSomeThenBlock(Object[] a) throws Exception {
        Queue<Integer> q = cast(a[0]);
        int n = (Integer) a[1];
        for (int i = 0; i < n; i++) {
            System.out.println("GOT " + q.get(Duration.ofSeconds(10)));
        }
        System.out.println("WAITING");
        q.get();                                            // killed here
        System.out.println("UNEXPECTED");
    }

    static void produce(Object[] a) throws Exception {
        Queue<Integer> q = cast(a[0]);
        int base = (Integer) a[1];
        int n = (Integer) a[2];
        for (int i = 0; i < n; i++) {
            q.put(base + i, true, 20);
        }
    }

    static void hostAQueue(Object[] a) throws Exception {
        Queue<Integer> q = new Queue<>();
        System.out.println(Handles.encode(q));
        Thread.sleep(60_000);                               // stay alive until killed
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aChildDrainsAFullBoundedQueueAndTheParentSeesItEmpty() throws Exception {
        Queue<Integer> q = new Queue<>(6);
        for (int i = 0; i < 6; i++) {
            q.put(i);
        }
        assertTrue(q.full());
        ChildJvm c = children.start(getClass(), "drain", q, 6);
        c.assertSucceeds(CHILD);
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), c.output());
        assertTrue(q.empty());
        assertFalse(q.full());
        assertEquals(0, q.qsize());
    }

    @Test
    void theParentGetsWhatAChildPutInEveryGetVariant() throws Exception {
        Queue<Integer> q = new Queue<>();
        children.start(getClass(), "putAll", q, 2, 4, 6, 8).assertSucceeds(CHILD);
        assertEquals(2, q.get(true, Double.POSITIVE_INFINITY));
        assertEquals(4, q.get());
        assertEquals(6, q.get(Duration.ofSeconds(1)));
        assertEquals(8, q.getNowait());
        assertThrows(QueueEmptyException.class, q::getNowait);
    }

    @Test
    void parentAndChildProducersKeepFifoOrder() throws Exception {
        Queue<Integer> q = new Queue<>();
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        Object[] args = new Object[11];
        args[0] = q;
        for (int i = 0; i < 10; i++) {
            args[i + 1] = 10 + i;
        }
        children.start(getClass(), "putAll", args).assertSucceeds(CHILD);
        for (int i = 0; i < 20; i++) {
            assertEquals(i, q.get(Duration.ofSeconds(5)));
        }
        assertThrows(QueueEmptyException.class, () -> q.get(false, 0));
    }

    @Test
    void aProducerProcessSeesItsOwnPutsInQsize() throws Exception {
        Queue<Integer> q = new Queue<>();
        ChildJvm c = children.start(getClass(), "putThenReportSize", q);
        c.assertSucceeds(CHILD);
        assertEquals(List.of("3 false"), c.output());
        assertEquals(3, q.qsize());
    }

    @Test
    void aChildsTimedGetAndNonBlockingPutHonourTheirTimeouts() throws Exception {
        Queue<Integer> q = new Queue<>(1);
        q.put(7);                                           // full for the child's put
        Queue<Integer> empty = q;
        ChildJvm c = children.start(getClass(), "timedGetOnEmpty", new Queue<Integer>());
        c.assertSucceeds(CHILD);
        String[] first = c.output().get(0).split(" ");
        assertEquals("EMPTY", first[0]);
        assertTrue(Integer.parseInt(first[1]) >= 100, "waited " + first[1] + " ms");
        assertEquals("PUT", c.output().get(1));             // unbounded: a non-blocking put succeeds
        ChildJvm d = children.start(getClass(), "timedGetOnEmpty", empty);
        d.assertSucceeds(CHILD);
        assertEquals("GOT", d.output().get(0));
        assertEquals("PUT", d.output().get(1));             // the get freed the only slot
    }

    @Test
    void anUnserializableItemFailsInTheChildsPutAndTheNextPutArrives() throws Exception {
        Queue<Object> q = new Queue<>(1);
        ChildJvm c = children.start(getClass(), "putUnserializableThenTrue", q);
        c.assertSucceeds(CHILD);
        assertEquals(List.of("REFUSED", "1"), c.output());
        assertEquals(true, q.get(Duration.ofSeconds(5)));
        assertTrue(q.empty());
    }

    @Test
    void aConsumerKilledWhileWaitingLosesNothingItHadNotTaken() throws Exception {
        Queue<Integer> q = new Queue<>();
        for (int i = 0; i < 3; i++) {
            q.put(i);
        }
        ChildJvm c = children.start(getClass(), "takeSomeThenBlock", q, 3);
        c.awaitLine("WAITING", CHILD);
        c.kill();
        for (int i = 3; i < 13; i++) {
            q.put(i);                                       // races with the host noticing the death
        }
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rest.add(q.get(Duration.ofSeconds(5)));
        }
        // Nothing lost, nothing duplicated. The order may differ: an item the host had handed to the dying getter's
        // outstanding GET goes back to the head of the queue, but this getter may already have taken later items.
        List<Integer> sorted = new ArrayList<>(rest);
        java.util.Collections.sort(sorted);
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12), sorted, "got " + rest);
        assertEquals(List.of("GOT 0", "GOT 1", "GOT 2", "WAITING"), c.output());
    }

    @Test
    void maxsizeOneHoldsAcrossSeveralProducerProcesses() throws Exception {
        Queue<Integer> q = new Queue<>(1);
        int perChild = 15;
        for (int p = 0; p < 3; p++) {
            children.start(getClass(), "produce", q, p * 1000, perChild);
        }
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 3 * perChild; i++) {
            long[] s = q.sizes();
            assertTrue(s[0] <= 1 && s[1] <= 1, "queued " + s[0] + ", slots taken " + s[1]);
            got.add(q.get(Duration.ofSeconds(20)));
            Thread.sleep(2);                                // give producers time to pile up
        }
        assertEquals(3 * perChild, new java.util.HashSet<>(got).size());
        assertThrows(QueueEmptyException.class, () -> q.get(false, 0));
    }

    @Test
    void aBlockedGetFailsClearlyWhenTheHostProcessDies() throws Exception {
        ChildJvm host = children.start(getClass(), "hostAQueue");
        Queue<Integer> proxy = Handles.decode(host.nextLine(CHILD));
        assertFalse(proxy.isHostedHere());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread getter = new Thread(() -> {
            try {
                proxy.get();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        getter.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> getter.getState() == Thread.State.TIMED_WAITING || getter.getState() == Thread.State.WAITING
                        || getter.getState() == Thread.State.RUNNABLE);
        Thread.sleep(200);                                  // let the get reach the host (simulated work: not a sync)
        host.kill();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> getter.join());
        assertTrue(failure.get() instanceof HostDiedException, "got " + failure.get());
        assertTrue(failure.get().getMessage().contains(Long.toString(host.pid())), failure.get().getMessage());
        assertThrows(HostDiedException.class, () -> proxy.get(false, 0));
    }
}

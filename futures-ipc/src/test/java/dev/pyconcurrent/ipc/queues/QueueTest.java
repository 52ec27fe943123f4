package dev.pyconcurrent.ipc.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.serialization.SerializationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Queue} used in the JVM that hosts it (the in-memory fast path). Ports from CPython's
 * {@code _test_multiprocessing.py::_TestQueue}: {@code test_put} (the put variants and Full),
 * {@code test_get} (the get variants and Empty), {@code test_qsize}, {@code test_timeout},
 * {@code test_queue_feeder_donot_stop_onexc}, {@code test_closed_queue_empty_exceptions},
 * {@code test_closed_queue_put_get_exceptions}; the cross-process halves are in
 * {@link QueueCrossProcessTest}.
 */
@Timeout(30)
class QueueTest {

    @Test
    void putVariantsFillABoundedQueueThenNonBlockingPutsFailAtOnce() throws Exception {
        Queue<Integer> q = new Queue<>(6);
        q.put(1);
        q.put(2, true, Double.POSITIVE_INFINITY);
        q.put(3, Duration.ofSeconds(1));
        q.put(4, false, 0);
        q.put(5, false, 10);                                // block=false ignores the timeout
        q.putNowait(6);
        assertTrue(q.full());
        assertFalse(q.empty());
        assertEquals(6, q.qsize());
        long t0 = System.nanoTime();
        assertThrows(QueueFullException.class, () -> q.put(7, false, 0));
        assertThrows(QueueFullException.class, () -> q.put(7, false, 10));   // block=false ignores the timeout
        assertThrows(QueueFullException.class, () -> q.putNowait(7));
        // Far below the 10 s timeout, far above any scheduling stall of a loaded machine.
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "non-blocking puts must not wait");
        long t1 = System.nanoTime();
        assertThrows(QueueFullException.class, () -> q.put(7, true, 0.1));
        assertTrue(System.nanoTime() - t1 >= TimeUnit.MILLISECONDS.toNanos(90), "timed put waits about 0.1 s");
        for (int i = 1; i <= 6; i++) {
            assertEquals(i, q.get());
        }
        assertTrue(q.empty());
        assertFalse(q.full());
    }

    @Test
    void getVariantsReturnItemsThenEmptyRaisesAfterTheTimeout() throws Exception {
        Queue<String> q = new Queue<>();
        for (String s : List.of("a", "b", "c", "d", "e")) {
            q.put(s);
        }
        assertEquals("a", q.get(true, Double.POSITIVE_INFINITY));
        assertEquals("b", q.get());
        assertEquals("c", q.get(Duration.ofSeconds(1)));
        assertEquals("d", q.get(false, 0));
        assertEquals("e", q.getNowait());
        long t0 = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(false, 0));
        assertThrows(QueueEmptyException.class, () -> q.get(false, 10));     // block=false ignores the timeout
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "non-blocking gets must not wait");
        long t1 = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(true, 0.1));
        assertTrue(System.nanoTime() - t1 >= TimeUnit.MILLISECONDS.toNanos(90));
    }

    @Test
    void timedGetOnAnEmptyQueueWaitsAtLeastMostOfTheTimeout() {
        Queue<Integer> q = new Queue<>();
        long t0 = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(true, 0.2));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void qsizeTracksPutsAndGets() throws Exception {
        Queue<Integer> q = new Queue<>();
        assertEquals(0, q.qsize());
        q.put(1);
        assertEquals(1, q.qsize());
        q.put(5);
        assertEquals(2, q.qsize());
        q.get();
        assertEquals(1, q.qsize());
        q.get();
        assertEquals(0, q.qsize());
    }

    @Test
    void unserializableItemThrowsInPutAndNothingElseIsLost() throws Exception {
        Queue<Object> q = new Queue<>(1);
        Object notSerializable = new Object();
        assertThrows(SerializationException.class, () -> q.put(notSerializable));
        q.put(true);                                        // the failed put took no slot
        assertEquals(1, q.qsize());
        assertEquals(true, q.get(Duration.ofSeconds(1)));
        assertTrue(q.empty());
    }

    @Test
    void closedQueueRefusesPutAndGet() {
        Queue<Integer> q = new Queue<>();
        q.close();
        IllegalStateException put = assertThrows(IllegalStateException.class, () -> q.put(1));
        assertTrue(put.getMessage().contains("is closed"));
        assertThrows(IllegalStateException.class, q::get);
    }

    @Test
    void closeOnANeverUsedQueueLeavesEmptyTrueButAUsedOneRaises() throws Exception {
        Queue<Integer> unused = new Queue<>();
        unused.close();
        unused.close();
        assertTrue(unused.empty());
        Queue<Integer> usedQ = new Queue<>();
        usedQ.put(1);
        usedQ.get();
        usedQ.close();
        usedQ.joinThread();
        assertThrows(IllegalStateException.class, usedQ::empty);
    }

    @Test
    void joinThreadBeforeCloseIsRefused() {
        Queue<Integer> q = new Queue<>();
        assertThrows(IllegalStateException.class, q::joinThread);
    }

    @Test
    void blockedGetIsWokenByAPut() throws Exception {
        Queue<String> q = new Queue<>();
        CountDownLatch started = new CountDownLatch(1);
        List<String> got = new ArrayList<>();
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                got.add(q.get(Duration.ofSeconds(10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        started.await();
        q.put("wake");
        t.join(10_000);
        assertEquals(List.of("wake"), got);
    }

    @Test
    void interruptedGetThrowsInterruptedException() throws Exception {
        Queue<String> q = new Queue<>();
        AtomicInteger outcome = new AtomicInteger();
        Thread t = new Thread(() -> {
            try {
                q.get();
            } catch (InterruptedException e) {
                outcome.set(1);
            }
        });
        t.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> t.getState() == Thread.State.WAITING);
        t.interrupt();
        t.join(5_000);
        assertEquals(1, outcome.get());
    }

    /** Bash: 4 producer and 4 consumer threads on a bounded queue; nothing lost, nothing doubled. */
    @Test
    void manyThreadsLoseAndDuplicateNothingOnABoundedQueue() throws Exception {
        Queue<Integer> q = new Queue<>(8);
        int perProducer = 5_000;
        ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int base = p * perProducer;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        q.put(base + i);
                        assertTrue(q.qsize() <= 8);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (int c = 0; c < 4; c++) {
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < perProducer; i++) {
                        seen.add(q.get(Duration.ofSeconds(10)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertEquals(4 * perProducer, seen.size());
        assertEquals(4 * perProducer, new java.util.HashSet<>(seen).size());
        assertTrue(q.empty());
    }
}

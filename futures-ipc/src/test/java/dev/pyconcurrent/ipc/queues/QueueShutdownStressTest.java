package dev.pyconcurrent.ipc.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bash test for {@link Queue#shutdown(boolean)}: 4 putter and 3 getter threads hammer a bounded
 * {@link JoinableQueue} (maxsize 8, so putters keep blocking on a full queue) while the main
 * thread shuts it down mid-stream. Nothing hangs (every thread ends with
 * {@link QueueShutDownException} within a bounded time), no item is got twice, and every successful
 * put is accounted for: got, or dropped by an immediate shut-down; the task count returns to zero.
 * No CPython counterpart (CPython's {@code test_queue.py} has a threaded
 * {@code _shutdown_all_methods_in_many_threads}, which this generalises).
 */
class QueueShutdownStressTest {
    private static final int PUTTERS = 4;
    private static final int GETTERS = 3;

    @ParameterizedTest(name = "immediate={0}")
    @ValueSource(booleans = {false, true})
    void shuttingDownUnderLoadLosesNothingAndWakesEveryone(boolean immediate) throws Exception {
        JoinableQueue<Long> q = new JoinableQueue<>(8);
        AtomicLong puts = new AtomicLong();
        AtomicLong gets = new AtomicLong();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PUTTERS; p++) {
            long base = (long) p << 32;
            threads.add(new Thread(() -> {
                try {
                    for (long i = 0; ; i++) {
                        q.put(base + i);
                        puts.incrementAndGet();
                    }
                } catch (QueueShutDownException expected) {
                    // the way out
                } catch (Throwable t) {
                    unexpected.compareAndSet(null, t);
                }
            }, "putter-" + p));
        }
        for (int g = 0; g < GETTERS; g++) {
            threads.add(new Thread(() -> {
                try {
                    while (true) {
                        Long item = q.get(Duration.ofSeconds(10));
                        if (!seen.add(item)) {
                            throw new AssertionError("got " + item + " twice");
                        }
                        gets.incrementAndGet();
                        q.taskDone();
                    }
                } catch (QueueShutDownException expected) {
                    // the way out
                } catch (Throwable t) {
                    unexpected.compareAndSet(null, t);
                }
            }, "getter-" + g));
        }
        threads.forEach(Thread::start);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gets.get() >= 5_000);
        q.shutdown(immediate);
        for (Thread t : threads) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " still running after the shut-down");
        }
        assertEquals(null, unexpected.get());
        long dropped = q.core.droppedItems();
        assertEquals(puts.get(), gets.get() + dropped, "puts = gets + dropped");
        if (!immediate) {
            assertEquals(0, dropped, "a non-immediate shut-down drops nothing: getters drain it");
        }
        assertEquals(0, q.qsize());
        assertEquals(0, q.unfinishedTasks());
        assertTrue(q.join(Duration.ofSeconds(1)));
        assertTrue(q.isShutDown());
    }
}

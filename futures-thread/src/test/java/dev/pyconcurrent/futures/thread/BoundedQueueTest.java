package dev.pyconcurrent.futures.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.Future;

/**
 * The bounded work queue (Java addition; the article's warning that CPython's unbounded queue can grow until the
 * process runs out of memory and loses every queued task). No CPython test exists for it.
 */
@Timeout(60)
class BoundedQueueTest {

    @Test
    void millionTasksWithBackpressureNeverExceedTheBound() throws InterruptedException {
        int bound = 1000;
        ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(2).maxQueueSize(bound)
                .queueFullPolicy(QueueFullPolicy.BLOCK).build();
        AtomicLong ran = new AtomicLong();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread monitor = new Thread(() -> {
            while (producing.get()) {
                maxSeen.accumulateAndGet(ex.queueSize(), Math::max);
                Thread.onSpinWait();
            }
        });
        monitor.start();
        try {
            for (int i = 0; i < 1_000_000; i++) {
                ex.submit(ran::incrementAndGet); // futures are dropped at once: memory stays flat
            }
        } finally {
            producing.set(false);
            monitor.join(5_000);
            ex.shutdown();
        }
        assertEquals(1_000_000, ran.get());
        assertTrue(maxSeen.get() <= bound, "queue reached " + maxSeen.get());
        assertTrue(maxSeen.get() > 0, "the monitor saw the queue in use");
    }

    @Test
    void rejectPolicyLosesNothingItAccepted() throws InterruptedException {
        ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(2).maxQueueSize(10)
                .queueFullPolicy(QueueFullPolicy.REJECT).build();
        AtomicInteger ran = new AtomicInteger();
        List<Future<Integer>> accepted = new ArrayList<>();
        int rejected = 0;
        try {
            for (int i = 0; i < 20_000; i++) {
                try {
                    accepted.add(ex.submit(() -> {
                        ran.incrementAndGet();
                        return 1;
                    }));
                } catch (WorkQueueFullException e) {
                    rejected++;
                }
            }
        } finally {
            ex.shutdown();
        }
        assertTrue(rejected > 0, "the queue should have filled up at least once");
        assertEquals(accepted.size(), ran.get());
        assertTrue(accepted.stream().allMatch(f -> f.done() && f.result() == 1));
        assertEquals(20_000, accepted.size() + rejected);
    }

    @Test
    void rejectPolicyMessageSaysWhatHappened() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(1).maxQueueSize(1)
                .queueFullPolicy(QueueFullPolicy.REJECT).build();
        try {
            CountDownLatch started = new CountDownLatch(1);
            ex.submit(() -> {
                started.countDown();
                return release.await(10, TimeUnit.SECONDS);
            });
            assertTrue(started.await(5, TimeUnit.SECONDS));
            ex.submit(() -> 1); // fills the one slot
            WorkQueueFullException e = assertThrows(WorkQueueFullException.class, () -> ex.submit(() -> 2));
            assertTrue(e.getMessage().contains("maxQueueSize=1") && e.getMessage().contains("not queued"), e.getMessage());
        } finally {
            release.countDown();
            ex.shutdown();
        }
    }

    @Test
    void blockPolicyWithTimeoutGivesUpWithoutQueueing() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(1).maxQueueSize(1)
                .blockTimeout(Duration.ofMillis(100)).build();
        try {
            CountDownLatch started = new CountDownLatch(1);
            ex.submit(() -> {
                started.countDown();
                return release.await(10, TimeUnit.SECONDS);
            });
            assertTrue(started.await(5, TimeUnit.SECONDS));
            ex.submit(() -> 1);
            long t0 = System.nanoTime();
            assertThrows(WorkQueueFullException.class, () -> ex.submit(() -> 2));
            assertTrue(System.nanoTime() - t0 >= 90_000_000L, "waited for the timeout");
            assertEquals(1, ex.queueSize());
        } finally {
            release.countDown();
            ex.shutdown();
        }
    }

    @Test
    void blockedSubmitterIsReleasedByShutdownWithCancel() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(1).maxQueueSize(1).build();
        CountDownLatch started = new CountDownLatch(1);
        ex.submit(() -> {
            started.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        Future<Integer> queued = ex.submit(() -> 1);
        AtomicReferenceHolder outcome = new AtomicReferenceHolder();
        Thread blocked = new Thread(() -> {
            try {
                ex.submit(() -> 2);
                outcome.value = "accepted";
            } catch (IllegalStateException e) {
                outcome.value = e.getMessage();
            }
        });
        blocked.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> blocked.getState() == Thread.State.WAITING);
        ex.shutdown(false, true);
        blocked.join(5_000);
        release.countDown();
        ex.shutdown();
        assertEquals("cannot schedule new futures after shutdown", outcome.value);
        assertTrue(queued.cancelled());
    }

    private static final class AtomicReferenceHolder {
        volatile String value;
    }
}

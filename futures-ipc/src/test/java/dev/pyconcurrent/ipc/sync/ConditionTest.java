package dev.pyconcurrent.ipc.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Condition} with waiter threads in its host JVM. Ports from CPython's
 * {@code _test_multiprocessing.py::_TestCondition}: {@code test_notify}, {@code test_notify_all},
 * {@code test_notify_n}, {@code test_timeout}, {@code test_waitfor_timeout},
 * {@code test_wait_result} (without the signal part); the process-waiter variants
 * ({@code test_notify} with a process, {@code test_waitfor} across processes) are in
 * {@link SyncCrossProcessTest}.
 */
@Timeout(30)
class ConditionTest {
    private static final Duration AWAIT = Duration.ofSeconds(10);

    private static List<Thread> waiters(Condition cond, int n, double timeout, AtomicInteger woken, AtomicInteger timedOut) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                try (Guard g = cond.guard()) {
                    if (cond.await(timeout)) {
                        woken.incrementAndGet();
                    } else {
                        timedOut.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private static void signal(Condition cond, int n) throws InterruptedException {
        try (Guard g = cond.guard()) {
            cond.signal(n);
        }
    }

    @Test
    void eachNotifyWakesExactlyOneWaiter() throws Exception {
        Condition cond = new Condition();
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        List<Thread> ts = waiters(cond, 2, Double.POSITIVE_INFINITY, woken, timedOut);
        await().atMost(AWAIT).until(() -> cond.waitingHere() == 2);
        signal(cond, 1);
        await().atMost(AWAIT).until(() -> woken.get() == 1);
        assertEquals(1, cond.waitingHere());
        signal(cond, 1);
        await().atMost(AWAIT).until(() -> woken.get() == 2);
        for (Thread t : ts) {
            t.join(5_000);
        }
        assertEquals(0, cond.waitingHere());
        assertEquals(0, timedOut.get());
    }

    @Test
    void timedWaitersTimeOutAndUntimedOnesAreAllWokenByNotifyAll() throws Exception {
        Condition cond = new Condition();
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        List<Thread> timed = waiters(cond, 6, 0.1, woken, timedOut);
        for (Thread t : timed) {
            t.join(5_000);
        }
        assertEquals(6, timedOut.get());
        assertEquals(0, woken.get());
        List<Thread> untimed = waiters(cond, 6, Double.POSITIVE_INFINITY, woken, timedOut);
        await().atMost(AWAIT).until(() -> cond.waitingHere() == 6);
        try (Guard g = cond.guard()) {
            cond.signalAll();
        }
        for (Thread t : untimed) {
            t.join(5_000);
        }
        assertEquals(6, woken.get());
        assertEquals(0, cond.waitingHere());
    }

    @Test
    void notifyNWakesAtMostN() throws Exception {
        Condition cond = new Condition();
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        List<Thread> ts = waiters(cond, 6, Double.POSITIVE_INFINITY, woken, timedOut);
        await().atMost(AWAIT).until(() -> cond.waitingHere() == 6);
        signal(cond, 2);
        await().atMost(AWAIT).until(() -> woken.get() == 2);
        signal(cond, 4);
        await().atMost(AWAIT).until(() -> woken.get() == 6);
        signal(cond, 3);                                    // nobody left: no effect
        for (Thread t : ts) {
            t.join(5_000);
        }
        assertEquals(6, woken.get());
        assertEquals(0, cond.waitingHere());
    }

    @Test
    void waitWithoutANotifierReturnsFalseAfterTheTimeout() throws Exception {
        Condition cond = new Condition();
        try (Guard g = cond.guard()) {
            long t0 = System.nanoTime();
            assertFalse(cond.await(0.1));
            assertTrue(System.nanoTime() - t0 >= 90_000_000L);
            assertFalse(cond.await(0));
            assertTrue(((RLock) cond.getLock()).isMine(), "the lock is held again after the wait");
        }
    }

    @Test
    void waitForReturnsFalseWhenThePredicateNeverHolds() throws Exception {
        Condition cond = new Condition(new Lock());
        try (Guard g = cond.guard()) {
            long t0 = System.nanoTime();
            assertFalse(cond.waitFor(() -> false, 0.1));
            assertTrue(System.nanoTime() - t0 >= 90_000_000L);
            assertTrue(cond.waitFor(() -> true, 0.1));
        }
    }

    @Test
    void waitReturnsTrueWhenNotified() throws Exception {
        Condition cond = new Condition();
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        List<Thread> ts = waiters(cond, 1, 60, woken, timedOut);
        await().atMost(AWAIT).until(() -> cond.waitingHere() == 1);
        signal(cond, 1);
        ts.get(0).join(5_000);
        assertEquals(1, woken.get());
    }

    @Test
    void waitingOrNotifyingWithoutTheLockFails() {
        Condition cond = new Condition();
        assertThrows(IllegalMonitorStateException.class, () -> cond.await(0.1));
        assertThrows(IllegalMonitorStateException.class, cond::signal);
    }

    @Test
    void anRLockHeldSeveralTimesIsFullyReleasedDuringTheWaitAndRestoredAfter() throws Exception {
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        lock.acquire();
        lock.acquire();
        Thread notifier = new Thread(() -> {
            try {
                await().atMost(AWAIT).until(() -> cond.waitingHere() == 1);
                signal(cond, 1);                            // needs the lock: only possible if fully released
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        notifier.start();
        assertTrue(cond.await(10));
        assertEquals(2, lock.holdCount());
        lock.release();
        lock.release();
        notifier.join(5_000);
    }

    @Test
    void anInterruptedWaiterGetsInterruptedExceptionHoldingTheLock() throws Exception {
        Condition cond = new Condition();
        AtomicInteger outcome = new AtomicInteger();
        Thread t = new Thread(() -> {
            try {
                cond.acquire();
                try {
                    cond.await();
                } catch (InterruptedException e) {
                    outcome.set(((RLock) cond.getLock()).isMine() ? 1 : 2);
                } finally {
                    cond.release();
                }
            } catch (InterruptedException e) {
                outcome.set(3);
            }
        });
        t.start();
        await().atMost(AWAIT).until(() -> cond.waitingHere() == 1);
        t.interrupt();
        t.join(5_000);
        assertEquals(1, outcome.get());
        assertEquals(0, cond.waitingHere());
    }
}

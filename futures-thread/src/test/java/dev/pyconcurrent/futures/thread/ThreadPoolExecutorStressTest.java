package dev.pyconcurrent.futures.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.FutureState;

/**
 * Bounded "bash" stress of {@link ThreadPoolExecutor}: many submitters racing a shutdown (the lock-free submit
 * path's withdraw-or-keep reasoning), and a finished pool that refuses to be confused. Java additions; CPython has no
 * such test.
 */
@Timeout(60)
class ThreadPoolExecutorStressTest {

    /** Goal: every submit either throws or returns a future that completes; none is stranded behind the sentinel. */
    @RepeatedTest(5)
    void submittersRacingShutdownNeverStrandAFuture() throws InterruptedException {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(2);
        ConcurrentLinkedQueue<Future<Integer>> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> submitters = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 5_000; i++) {
                    try {
                        accepted.add(ex.submit(() -> 1));
                    } catch (IllegalStateException e) {
                        refused.incrementAndGet();
                    }
                }
            });
            submitters.add(t);
            t.start();
        }
        go.countDown();
        Thread.sleep(2); // let the race begin (not synchronisation: either order is valid)
        ex.shutdown(true, false);
        for (Thread t : submitters) {
            t.join(20_000);
            assertFalse(t.isAlive());
        }
        assertEquals(40_000, accepted.size() + refused.get());
        for (Future<Integer> f : accepted) {
            assertEquals(1, f.result(Duration.ofSeconds(10)), "an accepted future was stranded");
        }
    }

    @RepeatedTest(3)
    void submittersRacingShutdownWithCancelLeaveEveryFutureDone() throws InterruptedException {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(2);
        ConcurrentLinkedQueue<Future<Integer>> accepted = new ConcurrentLinkedQueue<>();
        List<Thread> submitters = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    try {
                        accepted.add(ex.submit(() -> 1));
                    } catch (IllegalStateException e) {
                        return;
                    }
                }
            });
            submitters.add(t);
            t.start();
        }
        ex.shutdown(true, true);
        for (Thread t : submitters) {
            t.join(20_000);
            assertFalse(t.isAlive());
        }
        for (Future<Integer> f : accepted) {
            // shutdown(wait) returned and the submitters ended: every accepted future already ran, or was
            // cancelled and acknowledged
            assertTrue(f.done(), f.toString());
            assertTrue(f.cancelled() ? f.currentState() == FutureState.CANCELLED_AND_NOTIFIED : f.result() == 1,
                    f.toString());
        }
    }

    @Test
    void finishedPoolStaysFinished() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(3);
        Future<Integer> f = ex.submit(() -> 42);
        assertEquals(42, f.result(Duration.ofSeconds(5)));
        ex.shutdown();
        List<Thread> threads = ex.threads();
        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalStateException.class, () -> ex.submit(() -> 1));
            ex.shutdown(true, true); // repeated shutdowns are harmless
            ex.shutdown(false);
            ex.close();
        }
        assertEquals(threads, ex.threads(), "no thread was started after shutdown");
        assertTrue(threads.stream().noneMatch(Thread::isAlive));
        assertEquals(FutureState.FINISHED, f.currentState());
        assertFalse(f.cancel());
        assertEquals(42, f.result());
        assertTrue(ex.toString().contains("shutdown"), ex.toString());
    }

    @Test
    void brokenPoolStaysBroken() {
        ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(1).initializer(() -> {
            throw new IllegalStateException("no");
        }).build();
        try {
            ex.submit(() -> 1).exception(Duration.ofSeconds(5));
        } catch (BrokenThreadPoolException alreadyBroken) {
            // either outcome is CPython's
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(ex::isBroken);
        ex.shutdown();
        for (int i = 0; i < 3; i++) {
            assertThrows(BrokenThreadPoolException.class, () -> ex.submit(() -> 1)); // broken wins over shutdown
        }
        assertTrue(ex.isBroken());
    }
}

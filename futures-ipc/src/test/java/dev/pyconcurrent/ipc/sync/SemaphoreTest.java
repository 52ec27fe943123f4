package dev.pyconcurrent.ipc.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Semaphore} and {@link BoundedSemaphore} in their host JVM. Ports from CPython's
 * {@code _test_multiprocessing.py::_TestSemaphore}: {@code test_semaphore},
 * {@code test_bounded_semaphore} (including the over-release check CPython comments out for
 * macOS) and {@code test_timeout}.
 */
@Timeout(30)
class SemaphoreTest {

    @Test
    void valueFallsOnAcquireAndRisesPastTheInitialValueOnRelease() throws Exception {
        Semaphore sem = new Semaphore(2);
        assertEquals(2, sem.getValue());
        assertTrue(sem.acquire());
        assertEquals(1, sem.getValue());
        assertTrue(sem.acquire());
        assertEquals(0, sem.getValue());
        assertFalse(sem.acquire(false));
        assertEquals(0, sem.getValue());
        sem.release();
        assertEquals(1, sem.getValue());
        sem.release();
        assertEquals(2, sem.getValue());
        sem.release();
        assertEquals(3, sem.getValue());
        sem.release();
        assertEquals(4, sem.getValue());
    }

    @Test
    void boundedSemaphoreRefusesToBeReleasedPastItsBound() throws Exception {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        assertTrue(sem.acquire());
        assertTrue(sem.acquire());
        assertFalse(sem.acquire(false));
        sem.release();
        sem.release();
        assertEquals(2, sem.getValue());
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertTrue(e.getMessage().contains("released too many times"));
        assertEquals(2, sem.getValue());
    }

    @Test
    void nonBlockingAcquiresReturnAtOnceAndTimedOnesAfterTheTimeout() throws Exception {
        Semaphore sem = new Semaphore(0);
        long t0 = System.nanoTime();
        assertFalse(sem.acquire(false));
        assertFalse(sem.acquire(false, Double.POSITIVE_INFINITY));
        assertFalse(sem.acquire(false, 10));               // block=false ignores the timeout
        // A bound far below the 10 s timeout and far above any scheduling stall of a loaded machine.
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "non-blocking acquires must not wait");
        long t1 = System.nanoTime();
        assertFalse(sem.acquire(true, 0.1));
        assertTrue(System.nanoTime() - t1 >= 90_000_000L);
        long t2 = System.nanoTime();
        assertFalse(sem.acquire(true, 0.1));
        assertTrue(System.nanoTime() - t2 >= 90_000_000L);
    }

    @Test
    void aGuardClosedTwiceReleasesOnce() throws Exception {
        Semaphore sem = new Semaphore(1);
        Guard g = sem.guard();
        assertEquals(0, sem.getValue());
        g.close();
        g.close();
        assertEquals(1, sem.getValue());
    }

    @Test
    void negativeInitialValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    }

    /** Bash: 6 threads contend for 2 permits; never more than 2 inside at once. */
    @Test
    void neverMoreHoldersThanPermits() throws Exception {
        Semaphore sem = new Semaphore(2);
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxInside = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[6];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 500; j++) {
                    try (Guard g = sem.guard()) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        inside.decrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertTrue(maxInside.get() <= 2);
        assertEquals(2, sem.getValue());
    }
}

package dev.pyconcurrent.ipc.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Lock} and {@link RLock} in their host JVM. Ports from CPython's
 * {@code _test_multiprocessing.py::_TestLock}: {@code test_lock}, {@code test_rlock},
 * {@code test_lock_context}, {@code test_rlock_context}; the two-process cases
 * ({@code test_lock_locked_2processes}, {@code test_rlock_locked_2processes}) are in
 * {@link SyncCrossProcessTest}. {@code test_repr_lock}/{@code test_repr_rlock} (P3) are not ported:
 * the Java {@code toString} names the object and its state, not CPython's owner strings.
 */
@Timeout(30)
class LockTest {

    @Test
    void lockIsNotReentrantAndASecondReleaseFails() throws Exception {
        Lock lock = new Lock();
        assertTrue(lock.acquire());
        assertTrue(lock.locked());
        assertFalse(lock.acquire(false));
        lock.release();
        assertFalse(lock.locked());
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    void anotherThreadMayReleaseALock() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        Thread t = new Thread(lock::release);
        t.start();
        t.join(5_000);
        assertFalse(lock.locked());
    }

    @Test
    void rlockIsReentrantAndNeedsAsManyReleases() throws Exception {
        RLock lock = new RLock();
        assertTrue(lock.acquire());
        assertTrue(lock.acquire());
        assertTrue(lock.acquire());
        assertEquals(3, lock.holdCount());
        lock.release();
        lock.release();
        assertTrue(lock.locked());
        lock.release();
        assertFalse(lock.locked());
        assertThrows(IllegalMonitorStateException.class, lock::release);
    }

    @Test
    void releasingAnRLockOwnedByAnotherThreadFails() throws Exception {
        RLock lock = new RLock();
        lock.acquire();
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicBoolean acquired = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            try {
                lock.release();
            } catch (Throwable e) {
                error.set(e);
            }
            try {
                acquired.set(lock.acquire(false));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join(5_000);
        assertTrue(error.get() instanceof IllegalMonitorStateException);
        assertFalse(acquired.get());
        assertTrue(lock.isMine());
        lock.release();
    }

    @Test
    void guardBindsTrueAndReleasesOnClose() throws Exception {
        Lock lock = new Lock();
        try (Guard g = lock.guard()) {
            assertTrue(g.acquired());
            assertTrue(lock.locked());
        }
        assertFalse(lock.locked());
        RLock rlock = new RLock();
        try (Guard g = rlock.guard(); Guard inner = rlock.guard()) {
            assertTrue(g.acquired() && inner.acquired());
            assertEquals(2, rlock.holdCount());
        }
        assertFalse(rlock.locked());
    }

    @Test
    void timedAcquireOfAHeldLockReturnsFalseAfterTheTimeout() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        AtomicBoolean got = new AtomicBoolean(true);
        long[] elapsed = new long[1];
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                got.set(lock.acquire(true, 0.1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            elapsed[0] = System.nanoTime() - t0;
        });
        t.start();
        t.join(5_000);
        assertFalse(got.get());
        assertTrue(elapsed[0] >= 90_000_000L, "waited " + elapsed[0] + " ns");
    }

    /** Bash: 8 threads × 2,000 increments of a plain counter under the lock; none is lost. */
    @Test
    void manyThreadsIncrementingUnderTheLockLoseNothing() throws Exception {
        RLock lock = new RLock();
        int[] counter = new int[1];
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 2_000; j++) {
                    try (Guard g = lock.guard()) {
                        counter[0]++;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertEquals(16_000, counter[0]);
        assertFalse(lock.locked());
    }
}

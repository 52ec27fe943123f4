package dev.pyconcurrent.process.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.ipc.queues.QueueEmptyException;
import dev.pyconcurrent.ipc.queues.QueueFullException;

/**
 * The queue and synchronization semantics of 1.11/1.12 hold through manager proxies, with several client threads
 * (each has its own connection, so the server sees each as its own thread).
 *
 * <p>Ports a subset of the {@code WithManagerTest*} variants of {@code _test_multiprocessing.py}:
 * {@code WithManagerTestQueue::test_get} (timeout → Empty) and {@code test_put} (put_nowait on a full queue →
 * Full), {@code WithManagerTestLock::test_lock} and {@code test_rlock} (non-blocking acquire of a held lock;
 * an RLock is owned per thread), {@code WithManagerTestSemaphore::test_semaphore},
 * {@code WithManagerTestEvent::test_event}, {@code WithManagerTestCondition::test_notify} and
 * {@code test_waitfor_timeout}, {@code WithManagerTestBarrier::test_barrier}, {@code test_timeout},
 * {@code test_abort_and_reset}. The timing checks use CPython's 0.1 s timeouts, asserted as lower bounds only.
 */
@Timeout(60)
class ManagerProxySemanticsTest {
    private static SyncManager manager;

    @BeforeAll
    static void startManager() {
        manager = SyncManager.startNew();
    }

    @AfterAll
    static void stopManager() {
        manager.shutdown();
    }

    @Test
    void getWithATimeoutOnAnEmptyQueueRaisesEmptyAfterTheTimeout() {
        QueueProxy<Integer> q = manager.queue();
        long start = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= 90_000_000L, "waited about the timeout");
        assertThrows(QueueEmptyException.class, q::getNowait);
    }

    @Test
    void putNowaitOnAFullQueueRaisesFull() {
        QueueProxy<Integer> q = manager.queue(1);
        q.putNowait(1);
        assertThrows(QueueFullException.class, () -> q.putNowait(2));
        assertThrows(QueueFullException.class, () -> q.put(2, Duration.ofMillis(100)));
        assertEquals(1, q.get());
    }

    @Test
    void aQueueCarriesNullItems() {
        QueueProxy<Object> q = manager.queue();
        q.put(null);
        assertEquals(null, q.get());
    }

    @Test
    void aHeldLockCannotBeAcquiredWithoutBlocking() {
        AcquirerProxy lock = manager.lock();
        assertTrue(lock.acquire(false));
        assertFalse(lock.acquire(false));
        assertFalse(lock.acquire(0.1));
        lock.release();
        try (AcquirerProxy.Held held = lock.hold()) {
            assertFalse(lock.acquire(false));
        }
        assertTrue(lock.acquire(false));
        lock.release();
    }

    @Test
    void anRLockIsOwnedByTheClientThreadThatAcquiredIt() throws Exception {
        AcquirerProxy rlock = manager.rLock();
        assertTrue(rlock.acquire());
        assertTrue(rlock.acquire(), "re-entrant for its owner");
        CompletableFuture<Boolean> otherAcquire = CompletableFuture.supplyAsync(() -> rlock.acquire(false));
        assertFalse(otherAcquire.get(10, TimeUnit.SECONDS));
        CompletableFuture<Void> otherRelease = CompletableFuture.runAsync(rlock::release);
        ExecutionException e = assertThrows(ExecutionException.class, () -> otherRelease.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalMonitorStateException, String.valueOf(e.getCause()));
        rlock.release();
        rlock.release();
        assertTrue(CompletableFuture.supplyAsync(() -> {
            boolean got = rlock.acquire(false);
            rlock.release();
            return got;
        }).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSemaphoreCountsItsUnits() {
        AcquirerProxy sem = manager.semaphore(2);
        assertTrue(sem.acquire());
        assertTrue(sem.acquire());
        assertFalse(sem.acquire(false));
        sem.release();
        assertTrue(sem.acquire(false));
    }

    @Test
    void anEventWaitTimesOutUnsetAndWakesWhenSet() throws Exception {
        EventProxy event = manager.event();
        assertFalse(event.await(0.1));
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(event::await);
        event.set();
        assertTrue(waiter.get(10, TimeUnit.SECONDS));
        assertTrue(event.await(0.0));
        event.clear();
        assertFalse(event.isSet());
    }

    @Test
    void signalWakesAWaiterOfAnotherThread() throws Exception {
        ConditionProxy cond = manager.condition();
        EventProxy waiting = manager.event();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            cond.acquire();
            try {
                waiting.set();                               // set with the lock held: the signal cannot be missed
                return cond.await(30);
            } finally {
                cond.release();
            }
        });
        assertTrue(waiting.await(10));
        cond.acquire();
        cond.signal();
        cond.release();
        assertTrue(waiter.get(10, TimeUnit.SECONDS), "woken by the signal, not by the timeout");
    }

    @Test
    void waitForReturnsFalseWhenThePredicateStaysFalse() {
        ConditionProxy cond = manager.condition();
        cond.acquire();
        try {
            long start = System.nanoTime();
            assertFalse(cond.waitFor(() -> false, 0.1));
            assertTrue(System.nanoTime() - start >= 90_000_000L);
            assertTrue(cond.waitFor(() -> true, 0.1));
        } finally {
            cond.release();
        }
    }

    @Test
    void awaitWithoutTheConditionsLockFails() {
        ConditionProxy cond = manager.condition();
        assertThrows(IllegalMonitorStateException.class, () -> cond.await(0.01));
        assertThrows(IllegalMonitorStateException.class, cond::signal);
    }

    @Test
    void aConditionCanUseAManagerLock() {
        AcquirerProxy lock = manager.lock();
        ConditionProxy cond = manager.condition(lock);
        cond.acquire();
        assertFalse(lock.acquire(false), "the condition holds the given lock");
        assertFalse(cond.await(0.01));
        cond.release();
        assertTrue(lock.acquire(false));
        lock.release();
    }

    @Test
    void aBarrierReleasesAllPartiesWithDistinctIndexes() throws Exception {
        BarrierProxy barrier = manager.barrier(3);
        List<CompletableFuture<Integer>> parties = List.of(
                CompletableFuture.supplyAsync(() -> awaitQuietly(barrier)),
                CompletableFuture.supplyAsync(() -> awaitQuietly(barrier)));
        int mine = barrier.await(30);
        Set<Integer> indexes = new TreeSet<>();
        indexes.add(mine);
        for (CompletableFuture<Integer> p : parties) {
            indexes.add(p.get(30, TimeUnit.SECONDS));
        }
        assertEquals(Set.of(0, 1, 2), indexes);
        assertEquals(0, barrier.nWaiting());
    }

    @Test
    void aBarrierWaitThatTimesOutBreaksTheBarrierUntilReset() throws Exception {
        BarrierProxy barrier = manager.barrier(2);
        assertThrows(BrokenBarrierException.class, () -> barrier.await(0.1));
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, () -> barrier.await(0.1));
        barrier.reset();
        assertFalse(barrier.isBroken());
    }

    @Test
    void anAbortedBarrierStaysBrokenUntilReset() {
        BarrierProxy barrier = manager.barrier(2);
        barrier.abort();
        assertTrue(barrier.isBroken());
        barrier.reset();
        assertFalse(barrier.isBroken());
    }

    private static int awaitQuietly(BarrierProxy barrier) {
        try {
            return barrier.await(30);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void interruptingAThreadBlockedInAProxyGetEndsTheCallWithWaitInterruptedException() throws Exception {
        QueueProxy<Integer> q = manager.queue();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean connected = new java.util.concurrent.atomic.AtomicBoolean();
        Thread getter = new Thread(() -> {
            try {
                q.qsize();                                      // this thread's connection exists from here on
                connected.set(true);
                q.get();                                        // blocks in the server: the queue stays empty
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        getter.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> connected.get() && isInRecv(getter)); // waiting for get()'s reply
        getter.interrupt();
        Throwable e = outcome.get(10, TimeUnit.SECONDS);
        assertTrue(e instanceof dev.pyconcurrent.futures.WaitInterruptedException, String.valueOf(e));
        assertTrue(e.getMessage().contains("reply to Queue.get()"), e.getMessage());
        assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
    }

    @Test
    void anInterruptedCallerKeepsItsInterruptFlagAndItsNextCallWorksOnAFreshConnection() throws Exception {
        QueueProxy<Integer> q = manager.queue();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                Thread.currentThread().interrupt();             // interrupted before the call is even sent
                try {
                    q.put(1);
                    outcome.complete("put went through although interrupted");
                    return;
                } catch (dev.pyconcurrent.futures.WaitInterruptedException expected) {
                    if (!Thread.interrupted()) {                // flag set again, and cleared here
                        outcome.complete("interrupt flag lost");
                        return;
                    }
                }
                q.put(2);                                       // same thread, new connection
                outcome.complete("next call: " + q.get(Duration.ofSeconds(10)));
            } catch (Throwable t) {
                outcome.complete(String.valueOf(t));
            }
        });
        caller.start();
        assertEquals("next call: 2", outcome.get(20, TimeUnit.SECONDS));
        assertEquals(0, q.qsize(), "the interrupted put was not sent");
    }

    /** The thread waits inside the library's socket wait (for a reply, once its connection exists). */
    private static boolean isInRecv(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().endsWith("ChannelWaiter")) {
                return true;
            }
        }
        return false;
    }
}

package dev.pyconcurrent.ipc.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.host.HostDiedException;
import dev.pyconcurrent.ipc.shared.Array;
import dev.pyconcurrent.ipc.shared.Value;
import dev.pyconcurrent.ipc.testing.ChildJvm;
import dev.pyconcurrent.ipc.testing.ChildJvms;
import dev.pyconcurrent.ipc.testing.Handles;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The synchronization primitives used from child JVMs (proxies). Ports from CPython's
 * {@code _test_multiprocessing.py}: {@code _TestLock::test_lock_locked_2processes},
 * {@code test_rlock_locked_2processes}; {@code _TestCondition::test_notify} (one process and one
 * thread waiter), {@code test_waitfor} (shared Value); {@code _TestEvent::test_event} (a child
 * sets it); {@code _TestBarrier::test_thousand} (reduced to 3 parties × 100 passes to fit the
 * suite's time budget); {@code _TestSemaphore::test_timeout} from a child. Plus the issue's
 * failure cases: a holder killed with SIGKILL has its Lock/RLock/Semaphore released so another
 * process acquires within a bounded time, a dead host fails blocked {@code acquire}/{@code wait}
 * with {@link HostDiedException}, and an interrupted remote {@code acquire} leaves nothing held.
 */
@Timeout(60)
class SyncCrossProcessTest {
    private static final Duration CHILD = Duration.ofSeconds(30);
    private final ChildJvms children = new ChildJvms();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    // ---------------------------------------------------------------- child mains

    static void reportLocked(Object[] a) throws Exception {
        Lock lock = (Lock) a[0];
        RLock rlock = (RLock) a[1];
        String releaseOutcome;
        try {
            rlock.release();
            releaseOutcome = "RELEASED";
        } catch (IllegalMonitorStateException e) {
            releaseOutcome = "NOT_OWNER";
        }
        System.out.println(lock.locked() + " " + lock.acquire(false) + " " + rlock.locked() + " "
                + rlock.acquire(false) + " " + releaseOutcome);
    }

    static void holdUntilEvent(Object[] a) throws Exception {
        RLock lock = (RLock) a[0];
        Event go = (Event) a[1];
        lock.acquire();
        lock.acquire();
        System.out.println("HELD " + lock.holdCount());
        go.await(20);
        lock.release();
        lock.release();
    }

    static void holdAndHang(Object[] a) throws Exception {
        ((Lock) a[0]).acquire();
        ((RLock) a[1]).acquire();
        ((RLock) a[1]).acquire();
        ((Semaphore) a[2]).acquire();
        System.out.println("HELD");
        Thread.sleep(60_000);                               // killed here
    }

    static void hostPrimitives(Object[] a) throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        Event event = new Event();
        System.out.println(Handles.encode(lock));
        System.out.println(Handles.encode(event));
        Thread.sleep(60_000);                               // killed here
    }

    static void waitOnCondition(Object[] a) throws Exception {
        Condition cond = (Condition) a[0];
        try (Guard g = cond.guard()) {
            System.out.println("WOKEN " + cond.await(20));
        }
    }

    static void countUp(Object[] a) throws Exception {
        Condition cond = (Condition) a[0];
        Value v = (Value) a[1];
        for (int i = 1; i <= 5; i++) {
            try (Guard g = cond.guard()) {
                v.set(i);
                cond.signalAll();
            }
        }
    }

    static void setEvent(Object[] a) {
        ((Event) a[0]).set();
    }

    static void awaitEvent(Object[] a) throws Exception {
        System.out.println(((Event) a[0]).await(20));
    }

    static void barrierPasses(Object[] a) throws Exception {
        Barrier b = (Barrier) a[0];
        Array seen = (Array) a[1];
        int id = (Integer) a[2];
        int passes = (Integer) a[3];
        System.out.println(runPasses(b, seen, id, passes));
    }

    static String runPasses(Barrier b, Array seen, int id, int passes) throws Exception {
        for (int p = 0; p < passes; p++) {
            seen.set(id, p);
            b.await(20);
            for (int j = 0; j < seen.length(); j++) {
                if (seen.getLong(j) != p) {
                    return "BAD pass " + p + " party " + j + " at " + seen.getLong(j);
                }
            }
            b.await(20);
        }
        return "OK";
    }

    static void timedSemaphoreAcquire(Object[] a) throws Exception {
        Semaphore sem = (Semaphore) a[0];
        long t0 = System.nanoTime();
        boolean nonBlocking = sem.acquire(false);
        boolean timed = sem.acquire(true, 0.1);
        System.out.println(nonBlocking + " " + timed + " " + (System.nanoTime() - t0) / 1_000_000);
    }

    static void interruptAcquire(Object[] a) throws Exception {
        Lock lock = (Lock) a[0];
        AtomicReference<String> outcome = new AtomicReference<>("NONE");
        Thread t = new Thread(() -> {
            try {
                lock.acquire();
                outcome.set("ACQUIRED");
            } catch (InterruptedException e) {
                outcome.set("INTERRUPTED");
            }
        });
        t.start();
        Thread.sleep(300);                                  // let the request reach the host (not a sync)
        t.interrupt();
        t.join(10_000);
        System.out.println(outcome.get() + " " + lock.acquire(false));
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aChildSeesLocksHeldByTheParentAndCannotReleaseItsRLock() throws Exception {
        Lock lock = new Lock();
        RLock rlock = new RLock();
        lock.acquire();
        rlock.acquire();
        ChildJvm c = children.start(getClass(), "reportLocked", lock, rlock);
        c.assertSucceeds(CHILD);
        assertEquals(List.of("true false true false NOT_OWNER"), c.output());
        assertTrue(rlock.isMine());
    }

    @Test
    void theParentSeesAnRLockHeldByAChild() throws Exception {
        RLock lock = new RLock();
        Event go = new Event();
        ChildJvm c = children.start(getClass(), "holdUntilEvent", lock, go);
        c.awaitLine("HELD 2", CHILD);
        assertTrue(lock.locked());
        assertFalse(lock.acquire(false));
        assertFalse(lock.isMine());
        go.set();
        assertTrue(lock.acquire(true, 20));
        assertEquals(1, lock.holdCount());
        lock.release();
        c.assertSucceeds(CHILD);
    }

    @Test
    void locksAndSemaphoreUnitsOfAHolderKilledWithSigkillAreReleased() throws Exception {
        Lock lock = new Lock();
        RLock rlock = new RLock();
        Semaphore sem = new Semaphore(1);
        ChildJvm c = children.start(getClass(), "holdAndHang", lock, rlock, sem);
        c.awaitLine("HELD", CHILD);
        assertFalse(lock.acquire(false));
        assertFalse(rlock.acquire(false));
        assertEquals(0, sem.getValue());
        long t0 = System.nanoTime();
        c.kill();
        assertTrue(lock.acquire(true, 5), "lock released after the holder's death");
        assertTrue(rlock.acquire(true, 5), "rlock released after the holder's death");
        assertTrue(sem.acquire(true, 5), "semaphore unit released after the holder's death");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 5_000, "took " + millis + " ms");
        assertEquals(1, rlock.holdCount());
    }

    @Test
    void blockedAcquireAndWaitFailClearlyWhenTheHostDies() throws Exception {
        ChildJvm host = children.start(getClass(), "hostPrimitives");
        Lock lock = Handles.decode(host.nextLine(CHILD));
        Event event = Handles.decode(host.nextLine(CHILD));
        AtomicReference<Throwable> lockFailure = new AtomicReference<>();
        AtomicReference<Throwable> eventFailure = new AtomicReference<>();
        Thread a = new Thread(() -> {
            try {
                lock.acquire();
            } catch (Throwable t) {
                lockFailure.set(t);
            }
        });
        Thread b = new Thread(() -> {
            try {
                event.await();
            } catch (Throwable t) {
                eventFailure.set(t);
            }
        });
        a.start();
        b.start();
        assertTrue(lock.locked());                          // the host holds it: a and b really wait
        Thread.sleep(200);                                  // let both requests reach the host (not a sync)
        host.kill();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            a.join();
            b.join();
        });
        assertTrue(lockFailure.get() instanceof HostDiedException, "got " + lockFailure.get());
        assertTrue(eventFailure.get() instanceof HostDiedException, "got " + eventFailure.get());
        assertTrue(lockFailure.get().getMessage().contains("process " + host.pid()));
    }

    @Test
    void notifyWakesOneWaiterAtATimeWhetherProcessOrThread() throws Exception {
        Condition cond = new Condition();
        ChildJvm c = children.start(getClass(), "waitOnCondition", cond);
        AtomicInteger threadWoken = new AtomicInteger();
        Thread t = new Thread(() -> {
            try (Guard g = cond.guard()) {
                if (cond.await(20)) {
                    threadWoken.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        await().atMost(CHILD).until(() -> cond.waitingHere() == 2);
        try (Guard g = cond.guard()) {
            cond.signal();
        }
        await().atMost(CHILD).until(() -> cond.waitingHere() == 1);
        try (Guard g = cond.guard()) {
            cond.signal();
        }
        c.assertSucceeds(CHILD);
        t.join(10_000);
        assertEquals(List.of("WOKEN true"), c.output());
        assertEquals(1, threadWoken.get());
        assertEquals(0, cond.waitingHere());
    }

    @Test
    void waitForSeesAPredicateMadeTrueByAnotherProcess() throws Exception {
        Condition cond = new Condition();
        Value v = new Value('i', 0);
        ChildJvm c = children.start(getClass(), "countUp", cond, v);
        try (Guard g = cond.guard()) {
            assertTrue(cond.waitFor(() -> v.getLong() == 5, 20));
        }
        c.assertSucceeds(CHILD);
    }

    @Test
    void aChildSettingTheEventWakesTheParentAndViceVersa() throws Exception {
        Event e = new Event();
        children.start(getClass(), "setEvent", e);
        assertTrue(e.await(20));
        e.clear();
        ChildJvm waiter = children.start(getClass(), "awaitEvent", e);
        e.set();
        waiter.assertSucceeds(CHILD);
        assertEquals(List.of("true"), waiter.output());
    }

    @Test
    void processesPassABarrierInLockstep() throws Exception {
        int passes = 100;
        Barrier b = new Barrier(3);
        Array seen = new Array('i', 3, false);
        ChildJvm c1 = children.start(getClass(), "barrierPasses", b, seen, 1, passes);
        ChildJvm c2 = children.start(getClass(), "barrierPasses", b, seen, 2, passes);
        assertEquals("OK", runPasses(b, seen, 0, passes));
        c1.assertSucceeds(CHILD);
        c2.assertSucceeds(CHILD);
        assertEquals(List.of("OK"), c1.output());
        assertEquals(List.of("OK"), c2.output());
        assertEquals(0, b.nWaiting());
        assertFalse(b.isBroken());
    }

    @Test
    void aChildsTimedAcquireHonoursItsTimeout() throws Exception {
        ChildJvm c = children.start(getClass(), "timedSemaphoreAcquire", new Semaphore(0));
        c.assertSucceeds(CHILD);
        String[] out = c.output().get(0).split(" ");
        assertEquals("false", out[0]);
        assertEquals("false", out[1]);
        assertTrue(Long.parseLong(out[2]) >= 90, "waited " + out[2] + " ms");
    }

    @Test
    void anInterruptedRemoteAcquireThrowsAndHoldsNothing() throws Exception {
        Lock lock = new Lock();
        lock.acquire();
        ChildJvm c = children.start(getClass(), "interruptAcquire", lock);
        c.assertSucceeds(CHILD);
        assertEquals(List.of("INTERRUPTED false"), c.output());
        assertTrue(lock.locked());
        lock.release();
        assertTrue(lock.acquire(false));
    }
}

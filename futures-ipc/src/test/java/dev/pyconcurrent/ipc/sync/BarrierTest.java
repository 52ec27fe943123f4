package dev.pyconcurrent.ipc.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Barrier} with thread parties in its host JVM. Ports from CPython's
 * {@code _test_multiprocessing.py::_TestBarrier}: {@code test_barrier}, {@code test_barrier_10},
 * {@code test_wait_return}, {@code test_action}, {@code test_abort}, {@code test_reset},
 * {@code test_abort_and_reset}, {@code test_timeout}, {@code test_default_timeout},
 * {@code test_single_thread}; {@code test_thousand} runs with processes in
 * {@link SyncCrossProcessTest} (reduced to 2 processes × 100 passes to fit the time budget).
 */
@Timeout(60)
class BarrierTest {
    private static final int N = 5;

    interface Party {
        void run(int i) throws Exception;
    }

    private static List<Throwable> runParties(int n, Party body) throws InterruptedException {
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                try {
                    body.run(id);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        return errors;
    }

    private void passes(int passes) throws Exception {
        Barrier b = new Barrier(N);
        ConcurrentLinkedQueue<Integer> log = new ConcurrentLinkedQueue<>();
        AtomicInteger phase = new AtomicInteger();
        List<Throwable> errors = runParties(N, i -> {
            for (int p = 0; p < passes; p++) {
                log.add(p);
                b.await();
                assertEquals(N * (p + 1), log.size(), "everyone logged pass " + p + " before anyone left");
                b.await();
            }
        });
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(0, b.nWaiting());
        assertFalse(b.isBroken());
    }

    @Test
    void partiesPassInLockstepOnce() throws Exception {
        passes(1);
    }

    @Test
    void partiesPassInLockstepTenTimes() throws Exception {
        passes(10);
    }

    @Test
    void exactlyOnePartyGetsIndexZero() throws Exception {
        Barrier b = new Barrier(N);
        ConcurrentLinkedQueue<Integer> indexes = new ConcurrentLinkedQueue<>();
        assertTrue(runParties(N, i -> indexes.add(b.await())).isEmpty());
        List<Integer> sorted = new ArrayList<>(indexes);
        Collections.sort(sorted);
        assertEquals(List.of(0, 1, 2, 3, 4), sorted);
    }

    @Test
    void actionRunsOncePerTripBeforeAnyoneIsReleased() throws Exception {
        AtomicInteger actions = new AtomicInteger();
        Barrier b = new Barrier(N, actions::incrementAndGet, Double.POSITIVE_INFINITY);
        List<Throwable> errors = runParties(N, i -> {
            b.await();
            assertEquals(1, actions.get());
        });
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(1, actions.get());
    }

    @Test
    void abortBreaksTheBarrierForTheWaiters() throws Exception {
        Barrier b = new Barrier(N);
        AtomicInteger broken = new AtomicInteger();
        Thread aborter = new Thread(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> b.nWaiting() == N - 1);
            b.abort();
        });
        aborter.start();
        List<Throwable> errors = runParties(N - 1, i -> {
            try {
                b.await();
            } catch (BrokenBarrierException e) {
                broken.incrementAndGet();
            }
        });
        aborter.join(5_000);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(N - 1, broken.get());
        assertTrue(b.isBroken());
        assertThrows(BrokenBarrierException.class, b::await);
    }

    @Test
    void resetBreaksCurrentWaitersAndTheBarrierWorksAgain() throws Exception {
        Barrier b = new Barrier(N);
        AtomicInteger broken = new AtomicInteger();
        Thread resetter = new Thread(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> b.nWaiting() == N - 1);
            b.reset();
        });
        resetter.start();
        runParties(N - 1, i -> {
            try {
                b.await();
            } catch (BrokenBarrierException e) {
                broken.incrementAndGet();
            }
        });
        resetter.join(5_000);
        assertEquals(N - 1, broken.get());
        assertFalse(b.isBroken());
        assertTrue(runParties(N, i -> b.await()).isEmpty());
    }

    @Test
    void aBrokenBarrierIsUsableAfterReset() throws Exception {
        Barrier b = new Barrier(N);
        b.abort();
        assertTrue(b.isBroken());
        b.reset();
        assertFalse(b.isBroken());
        assertTrue(runParties(N, i -> b.await()).isEmpty());
    }

    @Test
    void aTimeoutBreaksTheBarrierForEveryParty() throws Exception {
        Barrier b = new Barrier(N);
        AtomicInteger broken = new AtomicInteger();
        runParties(N, i -> {
            try {
                if (i == N - 1) {
                    await().atMost(Duration.ofSeconds(10)).until(b::isBroken);   // the late party
                }
                b.await(0.2);
            } catch (BrokenBarrierException e) {
                broken.incrementAndGet();
            }
        });
        assertEquals(N, broken.get());
    }

    @Test
    void theConstructorTimeoutAppliesToAwaitWithoutArgument() throws Exception {
        Barrier b = new Barrier(2, null, 0.2);
        long t0 = System.nanoTime();
        assertThrows(BrokenBarrierException.class, b::await);
        assertTrue(System.nanoTime() - t0 >= 150_000_000L);
    }

    @Test
    void aSinglePartyBarrierNeverBlocks() throws Exception {
        Barrier b = new Barrier(1);
        assertEquals(0, b.await());
        assertEquals(0, b.await());
    }

    @Test
    void aFailingActionBreaksTheBarrierAndReachesTheLastParty() throws Exception {
        Barrier b = new Barrier(2, () -> {
            throw new IllegalStateException("action failed");
        }, Double.POSITIVE_INFINITY);
        List<Throwable> errors = runParties(2, i -> b.await());
        assertEquals(2, errors.size());
        assertEquals(1, errors.stream().filter(e -> e instanceof IllegalStateException).count());
        assertEquals(1, errors.stream().filter(e -> e instanceof BrokenBarrierException).count());
    }
}

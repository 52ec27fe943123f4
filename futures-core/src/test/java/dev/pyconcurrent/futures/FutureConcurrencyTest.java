package dev.pyconcurrent.futures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded stress ("bash") tests of the Future and the waiters: many threads on one future, callbacks racing
 * completion, cancel racing setResult, and overlapping wait/asCompleted calls that must neither deadlock (global
 * lock order) nor lose a wake-up nor leak waiters. No CPython counterpart beyond {@code test_pending_calls_race};
 * each test is bounded in thread count, rounds and time.
 */
@Timeout(30)
class FutureConcurrencyTest {

    private static void startAll(List<Thread> threads) {
        threads.forEach(Thread::start);
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(20_000);
            assertFalse(t.isAlive(), t.getName() + " did not finish");
        }
    }

    @Test
    void manyThreadsBlockedOnOneFutureAllWakeWithTheResult() throws Exception {
        Future<Integer> f = new Future<>();
        ConcurrentLinkedQueue<Object> seen = new ConcurrentLinkedQueue<>();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            boolean timed = i % 2 == 0;
            waiters.add(new Thread(() -> seen.add(timed ? f.result(Duration.ofSeconds(20)) : f.result())));
        }
        startAll(waiters);
        waiters.forEach(FutureTest::awaitBlocked);
        f.setResult(42);
        joinAll(waiters);
        assertEquals(32, seen.size());
        seen.forEach(v -> assertEquals(42, v));
    }

    @Test
    void manyThreadsBlockedOnOneFutureAllSeeTheCancellation() throws Exception {
        Future<Integer> f = new Future<>();
        AtomicInteger cancelledSeen = new AtomicInteger();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            waiters.add(new Thread(() -> {
                try {
                    f.result(Duration.ofSeconds(20));
                } catch (CancelledException e) {
                    cancelledSeen.incrementAndGet();
                }
            }));
        }
        startAll(waiters);
        waiters.forEach(FutureTest::awaitBlocked);
        assertTrue(f.cancel());
        joinAll(waiters);
        assertEquals(32, cancelledSeen.get());
    }

    @Test
    void callbacksAddedConcurrentlyWithCompletionEachRunExactlyOnce() throws Exception {
        int adders = 4;
        int perAdder = 25;
        for (int round = 0; round < 200; round++) {
            Future<Integer> f = new Future<>();
            AtomicIntegerArray runs = new AtomicIntegerArray(adders * perAdder);
            CyclicBarrier start = new CyclicBarrier(adders + 1);
            List<Thread> threads = new ArrayList<>();
            for (int a = 0; a < adders; a++) {
                int base = a * perAdder;
                threads.add(new Thread(() -> {
                    awaitBarrier(start);
                    for (int i = 0; i < perAdder; i++) {
                        int slot = base + i;
                        f.addDoneCallback(done -> runs.incrementAndGet(slot));
                    }
                }));
            }
            threads.add(new Thread(() -> {
                awaitBarrier(start);
                f.setResult(1);
            }));
            startAll(threads);
            joinAll(threads);
            for (int i = 0; i < runs.length(); i++) {
                assertEquals(1, runs.get(i), "round " + round + " callback " + i);
            }
        }
    }

    @Test
    void cancelRacingSetResultHasExactlyOneWinner() throws Exception {
        for (int round = 0; round < 2000; round++) {
            Future<Integer> f = new Future<>();
            CyclicBarrier start = new CyclicBarrier(2);
            boolean[] cancelWon = new boolean[1];
            boolean[] resultWon = new boolean[1];
            Thread canceller = new Thread(() -> {
                awaitBarrier(start);
                cancelWon[0] = f.cancel();
            });
            Thread completer = new Thread(() -> {
                awaitBarrier(start);
                resultWon[0] = f.trySetResult(7);
            });
            List<Thread> both = List.of(canceller, completer);
            startAll(both);
            joinAll(both);
            assertTrue(cancelWon[0] ^ resultWon[0], "round " + round);
            assertEquals(cancelWon[0], f.cancelled());
        }
    }

    @Test
    void waitAllCompletedOverFuturesCompletedByManyThreadsLosesNoWakeUp() throws Exception {
        for (int round = 0; round < 20; round++) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                fs.add(new Future<>());
            }
            List<Thread> completers = completeConcurrently(fs, 4);
            DoneAndNotDoneFutures<Future<Integer>> r = Futures.wait(fs, Duration.ofSeconds(20));
            joinAll(completers);
            assertEquals(500, r.done().size(), "round " + round);
            fs.forEach(f -> assertEquals(0, f.waiterCount()));
        }
    }

    @Test
    void asCompletedOverFuturesCompletedByManyThreadsYieldsEachOnce() throws Exception {
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            fs.add(new Future<>());
        }
        AsCompletedIterator<Future<Integer>> it = Futures.asCompleted(fs, Duration.ofSeconds(20));
        assertTrue(it.hasNext()); // installs the waiter before anything completes
        List<Thread> completers = completeConcurrently(fs, 4);
        Set<Future<Integer>> yielded = new HashSet<>();
        int count = 0;
        while (it.hasNext()) {
            yielded.add(it.next());
            count++;
        }
        joinAll(completers);
        assertEquals(2000, count);
        assertEquals(new HashSet<>(fs), yielded);
    }

    /** Completes every future from {@code threads} threads: results, exceptions and notified cancellations. */
    private static List<Thread> completeConcurrently(List<Future<Integer>> fs, int threads) {
        List<Thread> completers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            completers.add(new Thread(() -> {
                for (int i = offset; i < fs.size(); i += threads) {
                    completeSomehow(fs.get(i), i);
                }
            }));
        }
        startAll(completers);
        return completers;
    }

    private static void completeSomehow(Future<Integer> f, int i) {
        switch (i % 3) {
            case 0 -> f.setResult(i);
            case 1 -> f.setException(new IOException("#" + i));
            default -> {
                f.cancel();
                f.setRunningOrNotifyCancel();
            }
        }
    }

    @Test
    void overlappingWaitsAndAsCompletedNeverDeadlockNorLeakWaiters() throws Exception {
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            fs.add(new Future<>());
        }
        AtomicInteger finishedWaiters = new AtomicInteger();
        List<Thread> waiters = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            boolean useAsCompleted = w % 2 == 0;
            waiters.add(new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!allDone(fs)) {
                    List<Future<Integer>> subset = new ArrayList<>(fs);
                    Collections.shuffle(subset, random);
                    subset = subset.subList(0, 1 + random.nextInt(60));
                    if (useAsCompleted) {
                        try (AsCompletedIterator<Future<Integer>> it = Futures.asCompleted(subset, Duration.ofMillis(5))) {
                            while (it.hasNext()) {
                                it.next();
                            }
                        } catch (FutureTimeoutException expected) {
                            // the subset was not finished in time; try another one
                        }
                    } else {
                        ReturnWhen how = ReturnWhen.values()[random.nextInt(3)];
                        Futures.wait(subset, Duration.ofMillis(5), how);
                    }
                }
                finishedWaiters.incrementAndGet();
            }));
        }
        startAll(waiters);
        List<Thread> completers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 2; t++) {
            int offset = t;
            completers.add(new Thread(() -> {
                awaitLatch(go);
                for (int i = offset; i < fs.size(); i += 2) {
                    completeSomehow(fs.get(i), i);
                }
            }));
        }
        startAll(completers);
        go.countDown();
        joinAll(completers);
        joinAll(waiters);
        assertEquals(6, finishedWaiters.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> fs.stream().allMatch(f -> f.waiterCount() == 0));
    }

    private static boolean allDone(List<Future<Integer>> fs) {
        for (Future<Integer> f : fs) {
            if (!Futures.isCompleted(f.currentState())) {
                return false;
            }
        }
        return true;
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

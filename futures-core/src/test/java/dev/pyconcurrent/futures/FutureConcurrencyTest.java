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

    /**
     * The unlocked scan of {@code wait}/{@code asCompleted} against live completions: while three threads complete
     * futures, two threads keep waiting (every return condition, no timeout) and iterating over overlapping
     * windows with duplicates. A lost completion hangs a wait (bounded by {@code @Timeout} and the joins); a lock
     * order mistake deadlocks; a leaked waiter stays on a future.
     */
    @Test
    void waitsOnOverlappingSetsWhileFuturesCompleteLoseNothingAndLeakNoWaiter() throws Exception {
        for (int round = 0; round < 3; round++) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                fs.add(new Future<>());
            }
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> waiters = List.of(
                    new Thread(() -> guarded(failures, () -> waitOnWindowsUntilAllDone(fs, go, false))),
                    new Thread(() -> guarded(failures, () -> waitOnWindowsUntilAllDone(fs, go, true))));
            startAll(waiters);
            List<Thread> completers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int offset = t;
                completers.add(new Thread(() -> {
                    awaitLatch(go);
                    for (int i = offset; i < fs.size(); i += 3) {
                        completeSomehow(fs.get(i), i);
                    }
                }));
            }
            startAll(completers);
            go.countDown();
            joinAll(completers);
            joinAll(waiters);
            String where = "round " + round;
            assertTrue(failures.isEmpty(), () -> where + ": " + failures);
            for (Future<Integer> f : fs) {
                assertEquals(0, f.waiterCount(), where + ": leaked waiter on " + f);
            }
        }
    }

    private static void guarded(ConcurrentLinkedQueue<Throwable> failures, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    /** Checks each result against the return condition; ends a few calls after everything completed. */
    private static void waitOnWindowsUntilAllDone(List<Future<Integer>> fs, CountDownLatch go, boolean asCompleted) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        awaitLatch(go);
        int callsAfterAllDone = 0;
        for (int call = 0; call < 5000 && callsAfterAllDone < 5; call++) {
            if (allDone(fs)) {
                callsAfterAllDone++;
            }
            int from = random.nextInt(fs.size());
            List<Future<Integer>> window = new ArrayList<>(fs.subList(from, Math.min(fs.size(), from + 1 + random.nextInt(200))));
            window.add(window.get(random.nextInt(window.size()))); // a duplicate
            Set<Future<Integer>> distinct = new HashSet<>(window);
            if (asCompleted) {
                Set<Future<Integer>> yielded = new HashSet<>();
                for (Future<Integer> f : Futures.asCompleted(window)) {
                    assertTrue(Futures.isCompleted(f.currentState()), "yielded before completing: " + f);
                    assertTrue(yielded.add(f), "yielded twice: " + f);
                }
                assertEquals(distinct, yielded);
                continue;
            }
            ReturnWhen how = ReturnWhen.values()[random.nextInt(3)];
            DoneAndNotDoneFutures<Future<Integer>> r = Futures.wait(window, null, how);
            assertEquals(distinct.size(), r.done().size() + r.notDone().size(), how + ": not a partition");
            Set<Future<Integer>> union = new HashSet<>(r.done());
            union.addAll(r.notDone());
            assertEquals(distinct, union, how + ": not a partition");
            r.done().forEach(f -> assertTrue(Futures.isCompleted(f.currentState()), how + ": not done " + f));
            switch (how) {
                case ALL_COMPLETED -> assertTrue(r.notDone().isEmpty(), "ALL_COMPLETED left " + r.notDone());
                case FIRST_COMPLETED -> assertFalse(r.done().isEmpty(), "FIRST_COMPLETED returned nothing done");
                case FIRST_EXCEPTION -> assertTrue(r.notDone().isEmpty()
                        || r.done().stream().anyMatch(f -> f.storedException() != null), "FIRST_EXCEPTION too early");
            }
        }
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

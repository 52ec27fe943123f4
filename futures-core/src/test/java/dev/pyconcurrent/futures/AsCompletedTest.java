package dev.pyconcurrent.futures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Futures#asCompleted}, ported from CPython's
 * {@code Lib/test/test_concurrent_futures/test_as_completed.py::AsCompletedTests}: {@code test_no_timeout},
 * {@code test_future_times_out}, {@code test_duplicate_futures}, {@code test_free_reference_yielded_future} (with
 * {@link WeakReference} and a GC poll) and {@code test_correct_timeout_exception_msg}.
 */
@Timeout(20)
class AsCompletedTest {
    private TinyThreadExecutor executor;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startExecutor() {
        executor = new TinyThreadExecutor(5);
    }

    @AfterEach
    void stopExecutor() {
        release.countDown();
        executor.shutdown(true);
    }

    @Test
    void yieldsEveryFutureOnceIncludingAlreadyFinishedOnes() { // test_no_timeout
        Future<Integer> future1 = executor.submit((Integer x, Integer y) -> x * y, 2, 21);
        Future<Integer> future2 = executor.submit((Integer x, Integer y) -> x * y, 7, 6);
        List<Future<?>> all = List.of(FutureFixtures.cancelledAndNotified(), FutureFixtures.failed(),
                FutureFixtures.successful(), future1, future2);
        List<Future<?>> completed = new ArrayList<>();
        for (Future<?> f : Futures.asCompleted(all)) {
            completed.add(f);
        }
        assertEquals(5, completed.size());
        assertEquals(new HashSet<>(all), new HashSet<>(completed));
    }

    @Test
    void timeoutYieldsTheFinishedFuturesThenThrows() { // test_future_times_out
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofMillis(100))) {
            Set<Future<?>> alreadyCompleted = Set.of(FutureFixtures.cancelledAndNotified(), FutureFixtures.failed(),
                    FutureFixtures.successful());
            Future<Boolean> future = executor.submit(() -> release.await(20, TimeUnit.SECONDS));
            List<Future<?>> input = new ArrayList<>(alreadyCompleted);
            input.add(future);
            Set<Future<?>> completed = new HashSet<>();
            AsCompletedIterator<Future<?>> it = Futures.asCompleted(input, timeout);
            assertThrows(FutureTimeoutException.class, () -> {
                for (Future<?> f : it) {
                    completed.add(f);
                }
            });
            assertEquals(alreadyCompleted, completed, "timeout " + timeout);
            assertFalse(it.hasNext(), "a timed-out iterator is finished");
            assertEquals(0, future.waiterCount());
        }
    }

    @Test
    void duplicateFuturesFromAnyIterableAreYieldedOnce() { // test_duplicate_futures
        Future<Integer> future1 = executor.submit((Integer x, Integer y) -> x * y, 2, 21);
        List<Future<Integer>> completed = new ArrayList<>();
        Futures.asCompleted(Collections.nCopies(3, future1)).forEach(completed::add);
        assertEquals(List.of(future1), completed);
    }

    @Test
    void yieldedFuturesAreNotKeptAlive() { // test_free_reference_yielded_future
        List<Future<String>> futuresList = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futuresList.add(new Future<>());
        }
        futuresList.add(FutureFixtures.cancelledAndNotified());
        futuresList.add(FutureFixtures.finishedWith("42"));

        AsCompletedIterator<Future<String>> timingOut = Futures.asCompleted(futuresList, Duration.ZERO);
        assertThrows(FutureTimeoutException.class, () -> {
            while (timingOut.hasNext()) {
                assertCollectable(takeNext(timingOut, futuresList));
            }
        });
        assertEquals(8, futuresList.size());

        futuresList.get(0).setResult("test");
        AsCompletedIterator<Future<String>> it = Futures.asCompleted(futuresList);
        while (it.hasNext()) {
            assertCollectable(takeNext(it, futuresList));
            if (!futuresList.isEmpty()) {
                futuresList.get(0).setResult("test");
            }
        }
        assertTrue(futuresList.isEmpty());
    }

    /** Keeps the yielded future in this frame only, so the test's own frame never pins it. */
    private static WeakReference<Future<String>> takeNext(AsCompletedIterator<Future<String>> it,
                                                          List<Future<String>> futuresList) {
        Future<String> f = it.next();
        futuresList.remove(f);
        return new WeakReference<>(f);
    }

    private static void assertCollectable(WeakReference<?> ref) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
    }

    @Test
    void timeoutMessageCountsUnfinishedOfTotal() { // test_correct_timeout_exception_msg
        List<Future<?>> futuresList = List.of(FutureFixtures.cancelledAndNotified(), FutureFixtures.pending(),
                FutureFixtures.running(), FutureFixtures.successful());
        FutureTimeoutException e = assertThrows(FutureTimeoutException.class, () -> {
            for (Future<?> ignored : Futures.asCompleted(futuresList, Duration.ZERO)) {
                // drain
            }
        });
        assertEquals("2 (of 4) futures unfinished", e.getMessage());
    }

    // ---------------------------------------------------------------- beyond CPython's tests

    @Test
    void yieldsFuturesInCompletionOrder() {
        Future<Integer> a = new Future<>();
        Future<Integer> b = new Future<>();
        Future<Integer> c = new Future<>();
        AsCompletedIterator<Future<Integer>> it = Futures.asCompleted(List.of(a, b, c), Duration.ofSeconds(5));
        assertTrue(it.hasNext()); // starts the iteration: the waiter is now installed
        c.setResult(3);
        a.setResult(1);
        b.setResult(2);
        List<Future<Integer>> order = new ArrayList<>();
        it.forEachRemaining(order::add);
        assertEquals(List.of(c, a, b), order);
    }

    @Test
    void nothingIsInstalledBeforeTheFirstNext() {
        Future<Integer> f = FutureFixtures.pending();
        AsCompletedIterator<Future<Integer>> it = Futures.asCompleted(List.of(f));
        assertEquals(0, f.waiterCount());
        assertTrue(it.hasNext());
        assertEquals(1, f.waiterCount());
        it.close();
        assertEquals(0, f.waiterCount());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void plainCancelledFutureIsYieldedOnceTheExecutorNotices() {
        Future<Object> cancelled = FutureFixtures.cancelled();
        AsCompletedIterator<Future<Object>> it = Futures.asCompleted(List.of(cancelled), Duration.ofSeconds(5));
        assertTrue(it.hasNext());
        cancelled.setRunningOrNotifyCancel();
        assertEquals(cancelled, it.next());
        assertFalse(it.hasNext());
    }
}

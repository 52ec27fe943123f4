package dev.pyconcurrent.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Futures#wait}, ported from CPython's {@code Lib/test/test_concurrent_futures/test_wait.py}:
 * {@code WaitTests::test_20369}, {@code test_first_completed}, {@code test_first_completed_some_already_completed},
 * {@code test_first_exception}, {@code test_first_exception_some_already_complete},
 * {@code test_first_exception_one_already_failed}, {@code test_all_completed}, {@code test_timeout} and
 * {@code ThreadPoolWaitTests::test_pending_calls_race}. CPython runs them against each pool; here a tiny
 * thread-backed executor stands in (the pool modules re-run them against the real pools). CPython's
 * {@code event.wait} tasks become latch-blocked tasks released in {@code @AfterEach}.
 */
@Timeout(20)
class WaitTest {
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

    private Future<Boolean> blockedTask() {
        return executor.submit(() -> release.await(20, TimeUnit.SECONDS));
    }

    @Test
    void duplicateFuturesAreWaitedForOnce() { // test_20369
        Future<Integer> future = executor.submit((Integer x, Integer y) -> x * y, 1, 2);
        DoneAndNotDoneFutures<Future<Integer>> r = Futures.wait(List.of(future, future), null, ReturnWhen.ALL_COMPLETED);
        assertEquals(Set.of(future), r.done());
        assertEquals(Set.of(), r.notDone());
    }

    @Test
    void firstCompletedReturnsTheFirstFinisherAndTreatsPlainCancelledAsNotDone() { // test_first_completed
        Future<Object> cancelled = FutureFixtures.cancelled();
        Future<Integer> future1 = executor.submit((Integer x, Integer y) -> x * y, 21, 2);
        Future<Boolean> future2 = blockedTask();
        DoneAndNotDoneFutures<Future<?>> r = Futures.wait(List.of(cancelled, future1, future2), null,
                ReturnWhen.FIRST_COMPLETED);
        assertEquals(Set.of(future1), r.done());
        assertEquals(Set.of(cancelled, future2), r.notDone());
    }

    @Test
    void firstCompletedReturnsAtOnceWhenSomeAreAlreadyCompleted() { // test_first_completed_some_already_completed
        Future<Object> notified = FutureFixtures.cancelledAndNotified();
        Future<Integer> successful = FutureFixtures.successful();
        Future<Boolean> future1 = blockedTask();
        DoneAndNotDoneFutures<Future<?>> r = Futures.wait(List.of(notified, successful, future1), null,
                ReturnWhen.FIRST_COMPLETED);
        assertEquals(Set.of(notified, successful), r.done());
        assertEquals(Set.of(future1), r.notDone());
    }

    @Test
    void firstExceptionReturnsWhenACallRaises() throws Exception { // test_first_exception
        CountDownLatch event1 = new CountDownLatch(1);
        Future<Integer> future1 = executor.submit((Integer x, Integer y) -> x * y, 2, 21);
        Future<Object> future2 = executor.submit(() -> {
            event1.await(20, TimeUnit.SECONDS);
            throw new Exception("this is an exception");
        });
        Future<Boolean> future3 = blockedTask();
        Thread t = new Thread(() -> { // ensure future1 completes before future2 raises
            future1.result();
            event1.countDown();
        });
        t.start();
        DoneAndNotDoneFutures<Future<?>> r = Futures.wait(List.of(future1, future2, future3), null,
                ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(future1, future2), r.done());
        assertEquals(Set.of(future3), r.notDone());
        t.join(5000);
    }

    @Test
    void firstExceptionReturnsAtOnceOverAlreadyCompletedFutures() { // test_first_exception_some_already_complete
        Future<Integer> successful = FutureFixtures.successful();
        Future<Object> cancelled = FutureFixtures.cancelled();
        Future<Object> notified = FutureFixtures.cancelledAndNotified();
        Future<Integer> future1 = executor.submit((Integer x, Integer y) -> x / y, 21, 0);
        Future<Boolean> future2 = blockedTask();
        DoneAndNotDoneFutures<Future<?>> r = Futures.wait(List.of(successful, cancelled, notified, future1, future2),
                null, ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(successful, notified, future1), r.done());
        assertEquals(Set.of(cancelled, future2), r.notDone());
    }

    @Test
    void firstExceptionReturnsAtOnceWhenOneAlreadyFailed() { // test_first_exception_one_already_failed
        Future<Object> failed = FutureFixtures.failed();
        Future<Boolean> future1 = blockedTask();
        DoneAndNotDoneFutures<Future<?>> r = Futures.wait(List.of(failed, future1), null, ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(failed), r.done());
        assertEquals(Set.of(future1), r.notDone());
    }

    @Test
    void allCompletedIsNotStoppedByExceptions() { // test_all_completed
        Future<Integer> successful = FutureFixtures.successful();
        Future<Object> notified = FutureFixtures.cancelledAndNotified();
        Future<Object> failed = FutureFixtures.failed();
        Future<Integer> future1 = executor.submit((Integer x, Integer y) -> x / y, 2, 0);
        Future<Integer> future2 = executor.submit((Integer x, Integer y) -> x * y, 2, 21);
        DoneAndNotDoneFutures<Future<?>> r = Futures.wait(List.of(successful, notified, failed, future1, future2),
                null, ReturnWhen.ALL_COMPLETED);
        assertEquals(Set.of(successful, notified, failed, future1, future2), r.done());
        assertEquals(Set.of(), r.notDone());
    }

    @Test
    void timeoutReturnsWhatIsDoneWithoutThrowing() { // test_timeout
        Future<Object> notified = FutureFixtures.cancelledAndNotified();
        Future<Object> failed = FutureFixtures.failed();
        Future<Integer> successful = FutureFixtures.successful();
        Future<Boolean> future = blockedTask();
        DoneAndNotDoneFutures<Future<?>> r = Futures.wait(List.of(notified, failed, successful, future),
                Duration.ofMillis(50), ReturnWhen.ALL_COMPLETED);
        assertEquals(Set.of(notified, failed, successful), r.done());
        assertEquals(Set.of(future), r.notDone());
    }

    @Test
    void hundredFuturesReleasedTogetherLoseNoWakeUp() { // ThreadPoolWaitTests::test_pending_calls_race
        CountDownLatch event = new CountDownLatch(1);
        List<Future<Boolean>> fs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fs.add(executor.submit(() -> event.await(20, TimeUnit.SECONDS)));
        }
        event.countDown();
        DoneAndNotDoneFutures<Future<Boolean>> r = Futures.wait(fs, null, ReturnWhen.ALL_COMPLETED);
        assertEquals(100, r.done().size());
    }

    // ---------------------------------------------------------------- beyond CPython's tests

    @Test
    void plainCancelledFutureCompletesForWaitOnceTheExecutorNotices() {
        Future<Object> cancelled = FutureFixtures.cancelled();
        Thread waiter = Thread.currentThread();
        Thread executorSide = new Thread(() -> {
            FutureTest.awaitBlocked(waiter);
            cancelled.setRunningOrNotifyCancel();
        });
        executorSide.start();
        DoneAndNotDoneFutures<Future<Object>> r = Futures.wait(List.of(cancelled), Duration.ofSeconds(5),
                ReturnWhen.FIRST_COMPLETED);
        assertEquals(Set.of(cancelled), r.done());
    }

    @Test
    void waitRemovesItsWaiterFromEveryFuture() {
        Future<Integer> a = FutureFixtures.pending();
        Future<Integer> b = FutureFixtures.running();
        Futures.wait(List.of(a, b), Duration.ofMillis(10));
        assertEquals(0, a.waiterCount());
        assertEquals(0, b.waiterCount());
    }

    @Test
    void waitOnNoFuturesReturnsAtOnce() {
        DoneAndNotDoneFutures<Future<Object>> r = Futures.wait(List.of());
        assertTrue(r.done().isEmpty() && r.notDone().isEmpty());
    }

    @Test
    void resultSetsAreUnmodifiable() {
        DoneAndNotDoneFutures<Future<Integer>> r = Futures.wait(List.of(FutureFixtures.successful()));
        assertThrows(UnsupportedOperationException.class, () -> r.done().clear());
    }

    @Test
    void interruptedWaitThrowsAndRemovesItsWaiter() {
        Future<Integer> f = FutureFixtures.pending();
        Thread.currentThread().interrupt();
        try {
            assertThrows(WaitInterruptedException.class, () -> Futures.wait(List.of(f)));
            assertTrue(Thread.currentThread().isInterrupted());
            assertEquals(0, f.waiterCount());
        } finally {
            Thread.interrupted();
        }
    }
}

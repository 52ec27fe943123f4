package dev.pyconcurrent.futures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Future state machine, ported from CPython's {@code Lib/test/test_concurrent_futures/test_future.py::FutureTests}:
 * {@code test_done_callback_with_result}, {@code test_done_callback_with_exception},
 * {@code test_done_callback_with_cancel}, {@code test_done_callback_raises},
 * {@code test_done_callback_already_successful}, {@code test_done_callback_already_failed},
 * {@code test_done_callback_already_cancelled}, {@code test_done_callback_raises_already_succeeded},
 * {@code test_repr}, {@code test_class_str}, {@code test_cancel}, {@code test_cancelled}, {@code test_done},
 * {@code test_running}, {@code test_result_with_timeout}, {@code test_result_with_success},
 * {@code test_result_with_cancel}, {@code test_exception_with_timeout}, {@code test_exception_with_success},
 * {@code test_multiple_set_result}, {@code test_multiple_set_exception}, {@code test_get_snapshot}.
 * The timing-dependent CPython tests ({@code time.sleep(1)} before completing) wait for the blocked thread's state
 * with Awaitility instead.
 */
@Timeout(10)
class FutureTest {

    private static final String HEX = "[0-9a-f]+";

    // ---------------------------------------------------------------- callbacks

    @Test
    void doneCallbackAddedWhilePendingSeesTheResult() { // test_done_callback_with_result
        AtomicReference<Object> seen = new AtomicReference<>();
        Future<Integer> f = new Future<>();
        f.addDoneCallback(done -> seen.set(done.result()));
        f.setResult(5);
        assertEquals(5, seen.get());
    }

    @Test
    void doneCallbackAddedWhilePendingSeesTheException() { // test_done_callback_with_exception
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Future<Integer> f = new Future<>();
        f.addDoneCallback(done -> seen.set(done.exception()));
        f.setException(new Exception("test"));
        assertEquals("test", seen.get().getMessage());
    }

    @Test
    void cancelRunsTheCallbackWhichSeesCancelled() { // test_done_callback_with_cancel
        AtomicReference<Boolean> wasCancelled = new AtomicReference<>();
        Future<Integer> f = new Future<>();
        f.addDoneCallback(done -> wasCancelled.set(done.cancelled()));
        assertTrue(f.cancel());
        assertEquals(Boolean.TRUE, wasCancelled.get());
    }

    @Test
    void throwingCallbackIsLoggedAndLaterCallbacksStillRun() { // test_done_callback_raises
        try (LogCapture log = new LogCapture()) {
            List<String> calls = new ArrayList<>();
            Future<Integer> f = new Future<>();
            f.addDoneCallback(done -> {
                calls.add("raising");
                throw new IllegalStateException("doh!");
            });
            f.addDoneCallback(done -> calls.add("fn"));
            f.setResult(5);
            assertEquals(List.of("raising", "fn"), calls);
            assertTrue(log.text().contains("IllegalStateException: doh!"), log.text());
            assertEquals(5, f.result());
        }
    }

    @Test
    void callbackOnSuccessfulFutureRunsAtOnceInTheCallersThread() { // test_done_callback_already_successful
        AtomicReference<Object> seen = new AtomicReference<>();
        AtomicReference<Thread> ranIn = new AtomicReference<>();
        Future<Integer> f = new Future<>();
        f.setResult(5);
        f.addDoneCallback(done -> {
            seen.set(done.result());
            ranIn.set(Thread.currentThread());
        });
        assertEquals(5, seen.get());
        assertSame(Thread.currentThread(), ranIn.get());
    }

    @Test
    void callbackOnFailedFutureRunsAtOnceAndSeesTheException() { // test_done_callback_already_failed
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Future<Integer> f = new Future<>();
        f.setException(new Exception("test"));
        f.addDoneCallback(done -> seen.set(done.exception()));
        assertEquals("test", seen.get().getMessage());
    }

    @Test
    void callbackOnCancelledFutureRunsAtOnceAndSeesCancelled() { // test_done_callback_already_cancelled
        AtomicReference<Boolean> wasCancelled = new AtomicReference<>();
        Future<Integer> f = new Future<>();
        assertTrue(f.cancel());
        f.addDoneCallback(done -> wasCancelled.set(done.cancelled()));
        assertEquals(Boolean.TRUE, wasCancelled.get());
    }

    @Test
    void throwingCallbackOnAlreadyDoneFutureIsLoggedNotThrown() { // test_done_callback_raises_already_succeeded
        try (LogCapture log = new LogCapture()) {
            Future<Integer> f = new Future<>();
            f.setResult(5);
            f.addDoneCallback(done -> {
                throw new IllegalStateException("doh!");
            });
            assertTrue(log.text().contains("exception calling callback for Future@"), log.text());
            assertTrue(log.text().contains("doh!"), log.text());
        }
    }

    @Test
    void callbacksRunInRegistrationOrder() {
        List<Integer> order = new ArrayList<>();
        Future<Integer> f = new Future<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            f.addDoneCallback(done -> order.add(n));
        }
        f.setResult(1);
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    // ---------------------------------------------------------------- repr and public types

    @Test
    void toStringMirrorsCpythonRepr() { // test_repr
        assertTrue(FutureFixtures.pending().toString().matches("Future@" + HEX + " state=pending"));
        assertTrue(FutureFixtures.running().toString().matches("Future@" + HEX + " state=running"));
        assertTrue(FutureFixtures.cancelled().toString().matches("Future@" + HEX + " state=cancelled"));
        assertTrue(FutureFixtures.cancelledAndNotified().toString().matches("Future@" + HEX + " state=cancelled"));
        assertTrue(FutureFixtures.failed().toString().matches("Future@" + HEX + " state=finished raised IOException"));
        assertTrue(FutureFixtures.successful().toString().matches("Future@" + HEX + " state=finished returned Integer"));
        assertTrue(FutureFixtures.finishedWith(null).toString().endsWith("state=finished returned null"));
    }

    @Test
    void publicTypesLiveInTheFuturesPackage() { // test_class_str
        String pkg = "dev.pyconcurrent.futures";
        for (Class<?> c : List.of(Future.class, CancelledException.class, FutureTimeoutException.class,
                Executor.class, InvalidStateException.class, BrokenExecutorException.class)) {
            assertEquals(pkg, c.getPackageName(), c.getName());
        }
        assertTrue(java.util.concurrent.CancellationException.class.isAssignableFrom(CancelledException.class));
        assertTrue(IllegalStateException.class.isAssignableFrom(InvalidStateException.class));
    }

    // ---------------------------------------------------------------- cancel / queries (test_cancel etc.)

    @Test
    void cancelMovesPendingToCancelled() {
        Future<Object> f = FutureFixtures.pending();
        assertTrue(f.cancel());
        assertEquals(FutureState.CANCELLED, f.currentState());
    }

    @Test
    void cancelOnRunningFutureReturnsFalse() {
        Future<Object> f = FutureFixtures.running();
        assertFalse(f.cancel());
        assertFalse(f.cancel(true)); // no RunningCancelHook installed: CPython behaviour
        assertEquals(FutureState.RUNNING, f.currentState());
    }

    @Test
    void cancelOnCancelledFutureReturnsTrueAndKeepsTheState() {
        Future<Object> cancelled = FutureFixtures.cancelled();
        Future<Object> notified = FutureFixtures.cancelledAndNotified();
        assertTrue(cancelled.cancel());
        assertEquals(FutureState.CANCELLED, cancelled.currentState());
        assertTrue(notified.cancel());
        assertEquals(FutureState.CANCELLED_AND_NOTIFIED, notified.currentState());
    }

    @Test
    void cancelOnFinishedFutureReturnsFalse() {
        Future<Object> failed = FutureFixtures.failed();
        Future<Integer> succeeded = FutureFixtures.finishedWith(5);
        assertFalse(failed.cancel());
        assertFalse(succeeded.cancel(true));
        assertEquals(FutureState.FINISHED, failed.currentState());
        assertEquals(FutureState.FINISHED, succeeded.currentState());
    }

    @Test
    void cancelledIsTrueOnlyForTheTwoCancelledStates() { // test_cancelled
        assertFalse(FutureFixtures.pending().cancelled());
        assertFalse(FutureFixtures.running().cancelled());
        assertTrue(FutureFixtures.cancelled().cancelled());
        assertTrue(FutureFixtures.cancelledAndNotified().cancelled());
        assertFalse(FutureFixtures.failed().cancelled());
        assertFalse(FutureFixtures.successful().cancelled());
    }

    @Test
    void doneIsFalseOnlyWhilePendingOrRunning() { // test_done
        assertFalse(FutureFixtures.pending().done());
        assertFalse(FutureFixtures.running().done());
        assertTrue(FutureFixtures.cancelled().done());
        assertTrue(FutureFixtures.cancelledAndNotified().done());
        assertTrue(FutureFixtures.failed().done());
        assertTrue(FutureFixtures.successful().isDone());
    }

    @Test
    void runningIsTrueOnlyWhileRunning() { // test_running
        assertFalse(FutureFixtures.pending().running());
        assertTrue(FutureFixtures.running().running());
        assertFalse(FutureFixtures.cancelled().running());
        assertFalse(FutureFixtures.cancelledAndNotified().running());
        assertFalse(FutureFixtures.failed().running());
        assertFalse(FutureFixtures.successful().running());
    }

    // ---------------------------------------------------------------- result / exception

    @Test
    void resultWithZeroTimeoutReportsEachState() { // test_result_with_timeout
        assertThrows(FutureTimeoutException.class, () -> FutureFixtures.pending().result(Duration.ZERO));
        assertThrows(FutureTimeoutException.class, () -> FutureFixtures.running().result(Duration.ZERO));
        assertThrows(CancelledException.class, () -> FutureFixtures.cancelled().result(Duration.ZERO));
        assertThrows(CancelledException.class, () -> FutureFixtures.cancelledAndNotified().result(Duration.ZERO));
        ExecutionFailedException failed = assertThrows(ExecutionFailedException.class,
                () -> FutureFixtures.failed().result(Duration.ZERO));
        assertInstanceOf(IOException.class, failed.getCause());
        assertEquals(42, FutureFixtures.successful().result(Duration.ZERO));
    }

    @Test
    void resultTimeoutMessageSaysWhatAndHowLong() {
        FutureTimeoutException e = assertThrows(FutureTimeoutException.class,
                () -> FutureFixtures.running().result(Duration.ofMillis(20)));
        assertTrue(e.getMessage().matches("Future@" + HEX + " state=running did not complete within 20 ms"),
                e.getMessage());
    }

    @Test
    void resultWakesWhenAnotherThreadSetsTheResult() throws Exception { // test_result_with_success
        Future<Integer> f = FutureFixtures.pending();
        Thread waiter = Thread.currentThread();
        Thread notifier = new Thread(() -> {
            awaitBlocked(waiter);
            f.setResult(42);
        });
        notifier.start();
        assertEquals(42, f.result(Duration.ofSeconds(5)));
        notifier.join(5000);
    }

    @Test
    void resultWakesWithCancelledExceptionWhenAnotherThreadCancels() throws Exception { // test_result_with_cancel
        Future<Integer> f = FutureFixtures.pending();
        Thread waiter = Thread.currentThread();
        Thread canceller = new Thread(() -> {
            awaitBlocked(waiter);
            f.cancel();
        });
        canceller.start();
        assertThrows(CancelledException.class, () -> f.result(Duration.ofSeconds(5)));
        canceller.join(5000);
    }

    @Test
    void exceptionWithZeroTimeoutReportsEachState() { // test_exception_with_timeout
        assertThrows(FutureTimeoutException.class, () -> FutureFixtures.pending().exception(Duration.ZERO));
        assertThrows(FutureTimeoutException.class, () -> FutureFixtures.running().exception(Duration.ZERO));
        assertThrows(CancelledException.class, () -> FutureFixtures.cancelled().exception(Duration.ZERO));
        assertThrows(CancelledException.class, () -> FutureFixtures.cancelledAndNotified().exception(Duration.ZERO));
        assertInstanceOf(IOException.class, FutureFixtures.failed().exception(Duration.ZERO));
        assertNull(FutureFixtures.successful().exception(Duration.ZERO));
    }

    @Test
    void exceptionWakesWhenAnotherThreadSetsTheException() throws Exception { // test_exception_with_success
        Future<Integer> f = FutureFixtures.pending();
        Thread waiter = Thread.currentThread();
        Thread notifier = new Thread(() -> {
            awaitBlocked(waiter);
            f.setException(new IOException());
        });
        notifier.start();
        assertInstanceOf(IOException.class, f.exception(Duration.ofSeconds(5)));
        notifier.join(5000);
    }

    @Test
    void secondSetResultThrowsInvalidStateAndKeepsTheFirst() { // test_multiple_set_result
        Future<Integer> f = FutureFixtures.pending();
        f.setResult(1);
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> f.setResult(2));
        assertTrue(e.getMessage().matches("FINISHED: Future@" + HEX + " state=finished returned Integer"),
                e.getMessage());
        assertTrue(f.done());
        assertEquals(1, f.result());
    }

    @Test
    void secondSetExceptionThrowsInvalidStateAndKeepsTheFirst() { // test_multiple_set_exception
        Future<Integer> f = FutureFixtures.pending();
        IllegalArgumentException first = new IllegalArgumentException();
        f.setException(first);
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> f.setException(new Exception()));
        assertTrue(e.getMessage().matches("FINISHED: Future@" + HEX + " state=finished raised IllegalArgumentException"),
                e.getMessage());
        assertSame(first, f.exception());
    }

    @Test
    void resultOfFailedFutureThrowsAFreshWrapperNamingTheCause() {
        ArithmeticException cause = new ArithmeticException("/ by zero");
        Future<Integer> f = FutureFixtures.failedWith(cause);
        ExecutionFailedException a = assertThrows(ExecutionFailedException.class, f::result);
        ExecutionFailedException b = assertThrows(ExecutionFailedException.class, f::result);
        assertSame(cause, a.getCause());
        assertNotSame(a, b);
        assertEquals("task raised java.lang.ArithmeticException: / by zero", a.getMessage());
    }

    // ---------------------------------------------------------------- snapshot (test_get_snapshot, main)

    @Test
    void snapshotIsConsistentInEveryState() {
        assertEquals(new Future.Snapshot<>(false, false, null, null), new Future<Integer>().snapshot());
        assertEquals(new Future.Snapshot<>(true, false, 42, null), FutureFixtures.successful().snapshot());
        IllegalArgumentException exc = new IllegalArgumentException("test error");
        assertEquals(new Future.Snapshot<>(true, false, null, exc), FutureFixtures.failedWith(exc).snapshot());
        assertEquals(new Future.Snapshot<>(true, true, null, null), FutureFixtures.cancelled().snapshot());
    }

    @Test
    void snapshotsOfAFinishedFutureTakenByManyThreadsAreIdentical() throws Exception {
        Future<Integer> f = FutureFixtures.finishedWith(100);
        List<Future.Snapshot<Integer>> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    results.add(f.snapshot());
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(5000);
        }
        assertEquals(4000, results.size());
        Future.Snapshot<Integer> expected = new Future.Snapshot<>(true, false, 100, null);
        results.forEach(s -> assertEquals(expected, s));
    }

    // ---------------------------------------------------------------- executor side

    @Test
    void setRunningOrNotifyCancelOnCancelledFutureReturnsFalseAndNotifies() {
        Future<Object> f = FutureFixtures.cancelled();
        assertFalse(f.setRunningOrNotifyCancel());
        assertEquals(FutureState.CANCELLED_AND_NOTIFIED, f.currentState());
    }

    @Test
    void setRunningOrNotifyCancelTwiceIsRefusedAndLogged() {
        try (LogCapture log = new LogCapture()) {
            Future<Object> f = FutureFixtures.running();
            IllegalStateException e = assertThrows(IllegalStateException.class, f::setRunningOrNotifyCancel);
            assertTrue(e.getMessage().startsWith("Future in unexpected state: RUNNING"), e.getMessage());
            assertTrue(log.text().contains("in unexpected state: RUNNING"), log.text());
        }
    }

    @Test
    void setResultOnCancelledFutureThrowsInvalidState() {
        InvalidStateException e = assertThrows(InvalidStateException.class,
                () -> FutureFixtures.cancelled().setResult(1));
        assertTrue(e.getMessage().startsWith("CANCELLED: Future@"), e.getMessage());
        assertThrows(InvalidStateException.class,
                () -> FutureFixtures.cancelledAndNotified().setException(new IOException()));
    }

    @Test
    void trySetReportsInsteadOfThrowingWhenAlreadyDone() {
        Future<Integer> f = FutureFixtures.pending();
        assertTrue(f.trySetResult(1));
        assertFalse(f.trySetResult(2));
        assertFalse(f.trySetException(new IOException()));
        assertEquals(1, f.result());
    }

    @Test
    void setExceptionRefusesNull() {
        assertThrows(NullPointerException.class, () -> new Future<Integer>().setException(null));
    }

    @Test
    void aFinishedFutureCannotBeConfused() {
        Future<Integer> f = FutureFixtures.successful();
        assertFalse(f.cancel());
        assertFalse(f.cancel(true));
        assertThrows(InvalidStateException.class, () -> f.setResult(0));
        assertThrows(InvalidStateException.class, () -> f.setException(new IOException()));
        assertThrows(IllegalStateException.class, f::setRunningOrNotifyCancel);
        assertFalse(f.trySetResult(0));
        assertEquals(FutureState.FINISHED, f.currentState());
        assertEquals(42, f.result());
        assertNull(f.exception());
    }

    // ---------------------------------------------------------------- interruption

    @Test
    void interruptedResultThrowsWaitInterruptedAndKeepsTheFlag() {
        Future<Integer> f = FutureFixtures.pending();
        Thread.currentThread().interrupt();
        try {
            WaitInterruptedException e = assertThrows(WaitInterruptedException.class, f::result);
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    static void awaitBlocked(Thread t) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(
                () -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
    }
}

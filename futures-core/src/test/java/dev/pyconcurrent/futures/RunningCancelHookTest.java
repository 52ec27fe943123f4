package dev.pyconcurrent.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java-only extension point that lets an executor stop a RUNNING future on {@code cancel(true)}
 * (CPython has none: its running futures cannot be cancelled, see {@code test_future.py::test_cancel}).
 */
@Timeout(10)
class RunningCancelHookTest {

    @Test
    void cancelTrueWithAHookThatStopsTheCallMovesRunningToCancelledAndNotified() {
        Future<Integer> f = FutureFixtures.running();
        AtomicReference<Future<?>> hookSaw = new AtomicReference<>();
        AtomicInteger callbacks = new AtomicInteger();
        f.addDoneCallback(done -> callbacks.incrementAndGet());
        f.setRunningCancelHook(target -> {
            hookSaw.set(target);
            return true;
        });
        assertTrue(f.cancel(true));
        assertSame(f, hookSaw.get());
        assertEquals(FutureState.CANCELLED_AND_NOTIFIED, f.currentState());
        assertEquals(1, callbacks.get());
        assertThrows(CancelledException.class, f::result);
    }

    @Test
    void waitersSeeAFutureCancelledWhileRunning() {
        Future<Integer> f = FutureFixtures.running();
        f.setRunningCancelHook(target -> true);
        Thread waiter = Thread.currentThread();
        Thread canceller = new Thread(() -> {
            FutureTest.awaitBlocked(waiter);
            f.cancel(true);
        });
        canceller.start();
        DoneAndNotDoneFutures<Future<Integer>> r = Futures.wait(List.of(f), Duration.ofSeconds(5));
        assertEquals(java.util.Set.of(f), r.done());
    }

    @Test
    void cancelWithoutMayInterruptNeverCallsTheHook() {
        Future<Integer> f = FutureFixtures.running();
        AtomicInteger calls = new AtomicInteger();
        f.setRunningCancelHook(target -> calls.incrementAndGet() > 0);
        assertFalse(f.cancel());
        assertFalse(f.cancel(false));
        assertEquals(0, calls.get());
        assertEquals(FutureState.RUNNING, f.currentState());
    }

    @Test
    void aHookThatCannotStopTheCallLeavesTheFutureRunning() {
        Future<Integer> f = FutureFixtures.running();
        f.setRunningCancelHook(target -> false);
        assertFalse(f.cancel(true));
        assertEquals(FutureState.RUNNING, f.currentState());
    }

    @Test
    void aResultDeliveredWhileTheHookRunsWinsTheRace() {
        Future<Integer> f = FutureFixtures.running();
        f.setRunningCancelHook(target -> {
            f.setResult(7); // the executor delivers while the hook is busy (the hook runs unlocked)
            return true;
        });
        assertFalse(f.cancel(true));
        assertEquals(7, f.result());
    }

    @Test
    void aResultArrivingAfterTheCancellationIsRefusedByTrySetResult() {
        Future<Integer> f = FutureFixtures.running();
        f.setRunningCancelHook(target -> true);
        assertTrue(f.cancel(true));
        assertFalse(f.trySetResult(7));
        assertTrue(f.cancelled());
    }
}

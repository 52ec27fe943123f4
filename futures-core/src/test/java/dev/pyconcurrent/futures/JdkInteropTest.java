package dev.pyconcurrent.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link java.util.concurrent.Future} contract and the {@link CompletableFuture} bridge (Java only; no CPython
 * counterpart test).
 */
@Timeout(10)
class JdkInteropTest {

    @Test
    void getThrowsCheckedExecutionExceptionWithTheOriginalCause() {
        IOException cause = new IOException("disk");
        ExecutionException e = assertThrows(ExecutionException.class, () -> FutureFixtures.failedWith(cause).get());
        assertSame(cause, e.getCause());
    }

    @Test
    void getOnCancelledFutureThrowsCancellationException() {
        assertThrows(CancellationException.class, () -> FutureFixtures.cancelled().get());
    }

    @Test
    void timedGetOnRunningFutureThrowsCheckedTimeout() {
        assertThrows(TimeoutException.class, () -> FutureFixtures.running().get(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void getReturnsTheResult() throws Exception {
        assertEquals(42, FutureFixtures.successful().get());
        assertEquals(42, FutureFixtures.successful().get(0, TimeUnit.SECONDS));
    }

    @Test
    void completableFutureViewCompletesWithTheResult() {
        Future<Integer> f = new Future<>();
        CompletableFuture<Integer> cf = f.asCompletableFuture();
        assertFalse(cf.isDone());
        f.setResult(7);
        assertEquals(8, cf.thenApply(x -> x + 1).join());
    }

    @Test
    void completableFutureViewFailsWithTheOriginalThrowable() {
        IOException cause = new IOException();
        CompletableFuture<Integer> cf = FutureFixtures.<Integer>failedWith(cause).asCompletableFuture();
        CompletionException e = assertThrows(CompletionException.class, cf::join);
        assertSame(cause, e.getCause());
    }

    @Test
    void completableFutureViewOfCancelledFutureIsCancelled() {
        assertTrue(FutureFixtures.cancelled().asCompletableFuture().isCancelled());
    }

    @Test
    void cancellingTheCompletableFutureViewCancelsThePendingFuture() {
        Future<Integer> f = new Future<>();
        f.asCompletableFuture().cancel(true);
        assertEquals(FutureState.CANCELLED, f.currentState());
    }

    @Test
    void completionStageViewDeliversTheResult() {
        Future<Integer> f = new Future<>();
        CompletableFuture<Integer> stage = f.asCompletionStage().toCompletableFuture();
        f.setResult(3);
        assertEquals(3, stage.join());
        assertInstanceOf(CompletableFuture.class, stage);
    }
}

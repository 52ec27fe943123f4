package dev.pyconcurrent.futures;

import java.util.concurrent.CompletableFuture;

/**
 * Builds the {@link CompletableFuture} view of a {@link Future} ({@link Future#asCompletableFuture()}).
 *
 * <p>CPython counterpart: the closest is {@code asyncio.wrap_future}/{@code _chain_future}, which links a
 * {@code concurrent.futures.Future} to an asyncio future in both directions for cancellation. Here too: the
 * outcome flows from the future to the bridge through a done-callback, and only cancellation flows back.
 */
final class CompletableFutureBridge {
    private CompletableFutureBridge() {
    }

    static <T> CompletableFuture<T> of(Future<T> future) {
        CompletableFuture<T> bridge = new CompletableFuture<>();
        bridge.whenComplete((ignoredResult, ignoredFailure) -> {
            if (bridge.isCancelled()) {
                future.cancel(); // never interrupts a running call: the bridge cannot know the executor
            }
        });
        future.addDoneCallback(f -> {
            // f is done: snapshot() reads a consistent outcome without taking the lock.
            Future.Snapshot<T> outcome = f.snapshot();
            if (outcome.cancelled()) {
                bridge.cancel(false);
            } else if (outcome.exception() != null) {
                bridge.completeExceptionally(outcome.exception());
            } else {
                bridge.complete(outcome.result());
            }
        });
        return bridge;
    }
}

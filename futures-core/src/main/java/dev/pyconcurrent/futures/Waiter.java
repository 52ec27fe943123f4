package dev.pyconcurrent.futures;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the objects {@link Futures#wait} and {@link Futures#asCompleted} install on every future they watch that
 * is not completed yet (CPython installs on all; a completed future never notifies again, so Java skips those).
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: _Waiter}. A future calls one of the three
 * {@code add*} methods <em>while holding its own lock</em>, in the transition that made it count as completed
 * (FINISHED, or CANCELLED_AND_NOTIFIED). The waiter records the future and decides whether to set its
 * {@link #event}. Lock order is therefore always future lock, then waiter lock; a waiter never calls back into a
 * future, so no cycle is possible. Java differs in guarding {@link #finishedFutures} with the waiter's monitor,
 * where CPython relies on the GIL (and, for {@code _AsCompletedWaiter}, an explicit lock).
 *
 * <p>States: the event starts clear; subclasses set it when their return condition holds. It is never cleared
 * except by {@link AsCompletedWaiter#drainAndClear()}, which consumes what was recorded.
 */
abstract class Waiter {
    /** CPython's {@code threading.Event}: what the waiting thread blocks on. */
    final Event event = new Event();
    /** Futures that completed while installed, in completion order; guarded by {@code this}. */
    List<Future<?>> finishedFutures = new ArrayList<>();

    void addResult(Future<?> future) {
        record(future);
    }

    void addException(Future<?> future) {
        record(future);
    }

    void addCancelled(Future<?> future) {
        record(future);
    }

    final synchronized void record(Future<?> future) {
        finishedFutures.add(future);
    }
}

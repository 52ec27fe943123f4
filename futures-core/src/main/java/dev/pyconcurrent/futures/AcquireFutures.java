package dev.pyconcurrent.futures;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;

/**
 * Holds the locks of many futures at once, taken in one global order so that two concurrent
 * {@code wait}/{@code asCompleted} calls over overlapping sets can never deadlock.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: _AcquireFutures}, which sorts by {@code id(f)}.
 * Java has no stable address, so every future draws a unique sequence number the first time it is ordered
 * ({@link Future#lockOrder()}). Java also differs in locking only the futures it is given, which {@code wait} and
 * {@code asCompleted} limit to those not yet completed (CPython locks all). States: created → locked (constructor) →
 * released ({@link #close()}, in reverse order; later calls do nothing).
 */
final class AcquireFutures implements AutoCloseable {
    private final Future<?>[] locked;
    private int lockedCount;

    /**
     * Locks every future of {@code futures} in lock order. Callers pass only futures that are not completed yet
     * (see {@link FutureScan}): a completed future never changes again, so its lock would protect nothing.
     *
     * <p>Goals: (1) take the locks in ascending {@link Future#lockOrder()}, the one order every caller uses, so
     * overlapping calls cannot deadlock; (2) read each future's order once (it is a volatile field) instead of once
     * per comparison; (3) skip the sort when the input is already ordered, the common case, because futures draw
     * their numbers the first time they are ordered, here, in input order.
     */
    AcquireFutures(Collection<? extends Future<?>> futures) {
        Future<?>[] ordered = futures.toArray(new Future<?>[0]);
        long[] keys = new long[ordered.length];
        boolean sorted = true;
        for (int i = 0; i < ordered.length; i++) {
            keys[i] = ordered[i].lockOrder();
            sorted &= i == 0 || keys[i - 1] < keys[i];
        }
        if (!sorted) {
            sortByKey(ordered, keys);
        }
        this.locked = ordered;
        try {
            for (Future<?> f : ordered) {
                f.conditionLock().lock();
                lockedCount++;
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static void sortByKey(Future<?>[] futures, long[] keys) {
        Integer[] index = new Integer[futures.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        Arrays.sort(index, Comparator.comparingLong(i -> keys[i]));
        Future<?>[] copy = futures.clone();
        for (int i = 0; i < index.length; i++) {
            futures[i] = copy[index[i]];
        }
    }

    /** Releases the locks in reverse order; idempotent. */
    @Override
    public void close() {
        for (int i = lockedCount - 1; i >= 0; i--) {
            locked[i].conditionLock().unlock();
        }
        lockedCount = 0;
    }
}

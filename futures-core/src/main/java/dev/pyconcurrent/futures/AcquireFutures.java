package dev.pyconcurrent.futures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Holds the locks of many futures at once, taken in one global order so that two concurrent
 * {@code wait}/{@code asCompleted} calls over overlapping sets can never deadlock.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: _AcquireFutures}, which sorts by {@code id(f)}.
 * Java has no stable address, so every future draws a unique sequence number the first time it is ordered
 * ({@link Future#lockOrder()}). States: created → locked (constructor) → released ({@link #close()}, exactly once,
 * in reverse order).
 */
final class AcquireFutures implements AutoCloseable {
    private final List<Future<?>> locked;

    AcquireFutures(Collection<? extends Future<?>> futures) {
        List<Future<?>> ordered = new ArrayList<>(futures);
        ordered.sort(Comparator.comparingLong(Future::lockOrder));
        List<Future<?>> taken = new ArrayList<>(ordered.size());
        try {
            for (Future<?> f : ordered) {
                f.conditionLock().lock();
                taken.add(f);
            }
        } catch (RuntimeException | Error e) {
            unlockAll(taken);
            throw e;
        }
        this.locked = taken;
    }

    @Override
    public void close() {
        unlockAll(locked);
    }

    private static void unlockAll(List<Future<?>> taken) {
        for (int i = taken.size() - 1; i >= 0; i--) {
            taken.get(i).conditionLock().unlock();
        }
    }
}

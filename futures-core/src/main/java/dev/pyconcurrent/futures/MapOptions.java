package dev.pyconcurrent.futures;

import java.time.Duration;

/**
 * The keyword arguments of {@link Executor#map}: {@code timeout}, {@code chunksize} and {@code buffersize}.
 *
 * <p>CPython counterpart: the keyword-only parameters of {@code Executor.map(fn, *iterables, timeout=None,
 * chunksize=1, buffersize=None)} in {@code Lib/concurrent/futures/_base.py} ({@code buffersize} since 3.14). Java
 * differs: the values are checked when the options are built, and {@code chunksize < 1} is refused for every
 * executor (CPython's thread pool silently ignores it; its process pool raises). Python's
 * {@code TypeError("buffersize must be an integer or None")} cannot happen with static types.
 *
 * @param timeout    one deadline for the whole iteration, measured from the {@code map} call; null for none
 * @param chunksize  how many inputs a process pool sends per message; ignored by thread pools; at least 1
 * @param buffersize how many calls may be submitted ahead of the consumer; null submits everything at once
 */
public record MapOptions(Duration timeout, int chunksize, Integer buffersize) {
    private static final MapOptions DEFAULTS = new MapOptions(null, 1, null);

    /**
     * Checks the values; the messages say which value was wrong and why.
     *
     * @param timeout    one deadline for the whole iteration, null for none
     * @param chunksize  inputs per message to a process pool, at least 1
     * @param buffersize calls submitted ahead of the consumer, null for all, else at least 1
     */
    public MapOptions {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be >= 1, got " + chunksize);
        }
        if (buffersize != null && buffersize < 1) {
            throw new IllegalArgumentException("buffersize must be null or > 0, got " + buffersize);
        }
    }

    /** @return no timeout, chunksize 1, no buffersize: CPython's defaults */
    public static MapOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param newTimeout the deadline for the whole iteration, null for none
     * @return a copy with it
     */
    public MapOptions withTimeout(Duration newTimeout) {
        return new MapOptions(newTimeout, chunksize, buffersize);
    }

    /**
     * @param newChunksize inputs per message to a process pool, at least 1
     * @return a copy with it
     */
    public MapOptions withChunksize(int newChunksize) {
        return new MapOptions(timeout, newChunksize, buffersize);
    }

    /**
     * @param newBuffersize calls submitted ahead of the consumer (null: all), at least 1
     * @return a copy with it
     */
    public MapOptions withBuffersize(Integer newBuffersize) {
        return new MapOptions(timeout, chunksize, newBuffersize);
    }
}

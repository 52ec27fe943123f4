package dev.pyconcurrent.futures.pool;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The result of {@link Pool#mapAsync} / {@link Pool#starmapAsync}: the whole list, assembled from chunk results.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: MapResult}. As there: chunk {@code i} covers inputs
 * {@code [i*chunksize, (i+1)*chunksize)}; only the <em>first</em> failure is kept; the result becomes ready only
 * when every chunk is back, even after a failure (issue 23992: {@code join()} must not return while chunks still
 * run); the callback or error callback fires exactly once; an empty input is ready at once.
 *
 * <h2>States</h2>
 * <pre>
 *   COLLECTING -> COLLECTING     set(i, ...) while chunks are outstanding (a failure flips success to false once)
 *   COLLECTING -> READY          the last chunk arrived, or abort()
 * </pre>
 *
 * @param <R> the element type
 */
public class MapResult<R> extends ApplyResult<List<R>> {
    private final int chunksize;
    private final int length;
    /** Guarded by this. */
    private final Object[] values;
    /** Guarded by this. */
    private int numberLeft;
    /** Guarded by this; null while every chunk so far succeeded. */
    private Throwable firstFailure;

    /**
     * @param job           the job number
     * @param cache         the pool's cache
     * @param chunksize     inputs per chunk (ignored when {@code length} is 0)
     * @param length        the number of inputs
     * @param callback      called with the full list on success; may be null
     * @param errorCallback called with the first failure; may be null
     */
    public MapResult(long job, Map<Long, JobResult> cache, int chunksize, int length,
                     Consumer<? super List<R>> callback, Consumer<? super Throwable> errorCallback) {
        super(job, cache, callback, errorCallback);
        if (length > 0 && chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be >= 1, got " + chunksize);
        }
        this.chunksize = chunksize;
        this.length = length;
        this.values = new Object[length];
        this.numberLeft = length == 0 ? 0 : (length + chunksize - 1) / chunksize;
        if (numberLeft == 0) {
            complete(true, Collections.emptyList(), false);
        }
    }

    /** @return how many chunks the job was split into */
    public int chunkCount() {
        return length == 0 ? 0 : (length + chunksize - 1) / chunksize;
    }

    @Override
    public void set(int chunk, boolean ok, Object outcome) {
        Object completion;
        boolean completionOk;
        synchronized (this) {
            if (numberLeft == 0 || completionStarted()) {
                return; // aborted, or a stray duplicate
            }
            numberLeft--;
            if (ok && firstFailure == null) {
                List<?> part = (List<?>) outcome;
                int start = chunk * chunksize;
                for (int k = 0; k < part.size(); k++) {
                    values[start + k] = part.get(k);
                }
            } else if (!ok && firstFailure == null) {
                firstFailure = (Throwable) outcome;
                Arrays.fill(values, null); // results of a failed map are never returned: let them go
            }
            if (numberLeft > 0) {
                return;
            }
            completionOk = firstFailure == null;
            completion = completionOk ? Collections.unmodifiableList(Arrays.asList(values)) : firstFailure;
        }
        complete(completionOk, completion, false); // outside the lock: runs the user's callback
    }
}

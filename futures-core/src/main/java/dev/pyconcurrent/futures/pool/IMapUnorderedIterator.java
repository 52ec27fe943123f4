package dev.pyconcurrent.futures.pool;

import java.util.Map;

/**
 * The iterator {@link Pool#imapUnordered} returns: results in completion order.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: IMapUnorderedIterator}, which overrides only
 * {@code _set} to append whatever arrives (and, in CPython main, takes the same {@code buffersize}). Same here; everything else (length, abort, timeouts, chunk flattening)
 * is {@link IMapIterator}'s.
 *
 * @param <R> the element type
 */
public class IMapUnorderedIterator<R> extends IMapIterator<R> {
    /**
     * @param job     the job number
     * @param cache   the pool's cache
     * @param chunked true if each task delivers a list of results
     */
    public IMapUnorderedIterator(long job, Map<Long, JobResult> cache, boolean chunked) {
        this(job, cache, chunked, null);
    }

    /**
     * @param job     the job number
     * @param cache   the pool's cache
     * @param chunked true if each task delivers a list of results
     * @param gate    the job's back-pressure (CPython main's {@code buffersize}), or null
     */
    public IMapUnorderedIterator(long job, Map<Long, JobResult> cache, boolean chunked, BufferGate gate) {
        super(job, cache, chunked, false, gate);
    }
}

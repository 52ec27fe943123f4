package dev.pyconcurrent.futures.pool;

/**
 * The pool side of a result object: where a worker (or CPython's result-handler thread) delivers the outcome of one
 * task of a job.
 *
 * <p>CPython counterpart: the {@code _set(i, (success, value))} method that {@code ApplyResult}, {@code MapResult},
 * {@code IMapIterator} and {@code IMapUnorderedIterator} share in {@code Lib/multiprocessing/pool.py}, and the
 * {@code _cache} entry keyed by {@code job}. Java adds {@link #abort(Throwable)}: CPython's {@code terminate()}
 * leaves results that never arrived waiting forever; a Java pool fails them so nothing hangs.
 */
public interface JobResult {
    /** @return the job number, CPython's {@code job} (unique per pool) */
    long job();

    /**
     * Delivers the outcome of task {@code index} of this job (a chunk index for chunked jobs).
     *
     * @param index   the task's index within the job
     * @param success true if {@code value} is the task's result, false if it is the {@link Throwable} it raised
     * @param value   the result, or the failure
     */
    void set(int index, boolean success, Object value);

    /**
     * Fails every part of the job that has not arrived yet; a no-op if the job is complete.
     *
     * @param reason why the results will never arrive (e.g. the pool was terminated)
     */
    void abort(Throwable reason);
}

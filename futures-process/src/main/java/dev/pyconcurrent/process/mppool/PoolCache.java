package dev.pyconcurrent.process.mppool;

import java.util.concurrent.ConcurrentHashMap;

import dev.pyconcurrent.futures.pool.JobResult;

/**
 * The pool's unfinished jobs by number, which tells the worker handler when it becomes empty.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: _PoolCache}, a dict whose {@code __delitem__} puts
 * {@code None} on the change notifier when the last job leaves. The worker handler of a closed pool keeps the workers
 * going until the cache is empty, and without this wake-up it could sleep through the moment the last job finished.
 * The result objects ({@code ApplyResult}, {@code MapResult}, {@code IMapIterator}) remove themselves with
 * {@code remove(job, this)}, so that is the method that notifies.
 */
final class PoolCache extends ConcurrentHashMap<Long, JobResult> {
    private static final long serialVersionUID = 1L;

    private final transient Runnable onEmptied;

    /** @param onEmptied runs after a removal leaves the cache empty (puts a wake-up on the change notifier) */
    PoolCache(Runnable onEmptied) {
        this.onEmptied = onEmptied;
    }

    @Override
    public boolean remove(Object key, Object value) {
        boolean removed = super.remove(key, value);
        if (removed && isEmpty()) {
            onEmptied.run();
        }
        return removed;
    }

    @Override
    public JobResult remove(Object key) {
        JobResult removed = super.remove(key);
        if (removed != null && isEmpty()) {
            onEmptied.run();
        }
        return removed;
    }
}

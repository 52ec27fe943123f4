package dev.pyconcurrent.futures.pool;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.FutureTimeoutException;
import dev.pyconcurrent.futures.WaitInterruptedException;

/**
 * The result of one {@link Pool#applyAsync} call, and the base of {@link MapResult}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: ApplyResult}. As there, the object registers itself
 * in the pool's cache under its job number when created, the outcome arrives through {@link #set}, the callback
 * (or error callback) runs <em>before</em> the result is marked ready, so a thread returning from {@link #get()}
 * sees the callback's effects, and the entry leaves the cache. CPython's {@code threading.Event} is a
 * {@link CountDownLatch} of one here; its {@code countDown} publishes the fields written before it. Where Java
 * differs: a callback that throws is logged on {@code dev.pyconcurrent.futures.pool} and the result still becomes
 * ready (in CPython the exception kills the pool's result-handler thread); and {@link #abort} fails a result that
 * will never arrive, so nothing hangs after {@code terminate()}.
 *
 * <h2>States</h2>
 * <pre>
 *   NOT READY -> READY(success)   set(0, true, value), after the callback ran
 *   NOT READY -> READY(failure)   set(0, false, throwable) or abort(reason), after the error callback ran
 * </pre>
 * READY is final: a later {@code set} or {@code abort} is ignored (the first outcome wins; {@link #completing}
 * decides which).
 *
 * @param <R> the result type
 */
public class ApplyResult<R> implements AsyncResult<R>, JobResult {
    static final Logger LOGGER = LoggerFactory.getLogger("dev.pyconcurrent.futures.pool");

    private final long job;
    private final Map<Long, JobResult> cache;
    private final Consumer<? super R> callback;
    private final Consumer<? super Throwable> errorCallback;
    /** CPython's {@code self._event}. */
    private final CountDownLatch event = new CountDownLatch(1);
    /** Exactly one thread gets to complete: a worker's {@code set} or the pool's {@code abort}. */
    private final AtomicBoolean completing = new AtomicBoolean();
    // Written once before event.countDown(), read only after the latch opened: the latch orders them.
    private boolean success;
    private boolean aborted;
    private Object value;

    /**
     * Creates the result and registers it in {@code cache} (CPython: {@code cache[self._job] = self}).
     *
     * @param job           the job number
     * @param cache         the pool's cache of unfinished jobs; the result removes itself when ready
     * @param callback      called with the result on success, in the thread that delivers it; may be null
     * @param errorCallback called with the failure otherwise; may be null
     */
    public ApplyResult(long job, Map<Long, JobResult> cache, Consumer<? super R> callback,
                       Consumer<? super Throwable> errorCallback) {
        this.job = job;
        this.cache = Objects.requireNonNull(cache, "cache");
        this.callback = callback;
        this.errorCallback = errorCallback;
        cache.put(job, this);
    }

    @Override
    public long job() {
        return job;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void set(int index, boolean ok, Object outcome) {
        complete(ok, outcome, false);
    }

    @Override
    public void abort(Throwable reason) {
        complete(false, Objects.requireNonNull(reason, "reason"), true);
    }

    /**
     * Stores the outcome, runs the matching callback, leaves the cache and opens the event; only the first call
     * does anything.
     *
     * @param ok       true for a result, false for a failure
     * @param outcome  the result or the failure
     * @param byAbort  true if the pool gave up on the job rather than a worker reporting it
     */
    @SuppressWarnings("unchecked")
    protected final void complete(boolean ok, Object outcome, boolean byAbort) {
        if (!completing.compareAndSet(false, true)) {
            return;
        }
        success = ok;
        aborted = byAbort;
        value = outcome;
        try {
            if (ok && callback != null) {
                callback.accept((R) outcome);
            } else if (!ok && errorCallback != null) {
                errorCallback.accept((Throwable) outcome);
            }
        } catch (Throwable t) {
            LOGGER.error("callback of pool job {} raised", job, t);
        } finally {
            cache.remove(job, this);
            event.countDown();
        }
    }

    /** @return true once {@link #complete} was entered: the outcome is decided even if the callback still runs */
    protected final boolean completionStarted() {
        return completing.get();
    }

    @Override
    public R get() {
        return get(null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public R get(Duration timeout) {
        if (!await(timeout)) {
            throw new FutureTimeoutException("pool job " + job + " not ready after " + timeout);
        }
        if (success) {
            return (R) value;
        }
        Throwable failure = (Throwable) value;
        if (aborted && failure instanceof CancelledException) {
            throw new CancelledException(failure.getMessage()); // fresh object: the caller's stack, not the pool's
        }
        throw new ExecutionFailedException(failure);
    }

    @Override
    public boolean await(Duration timeout) {
        try {
            if (timeout == null) {
                event.await();
                return true;
            }
            return event.await(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("pool job " + job, e);
        }
    }

    @Override
    public boolean ready() {
        return event.getCount() == 0;
    }

    @Override
    public boolean successful() {
        if (!ready()) {
            throw new IllegalStateException("pool job " + job + " is not ready");
        }
        return success;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[job=" + job + (ready() ? (success ? ", success]" : ", failed]") : ", pending]");
    }
}

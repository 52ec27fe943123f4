package dev.pyconcurrent.process.pool;

import java.io.PrintStream;

/**
 * Listener for the hops of each work item through the pool: the six steps of the article's "internal structure of
 * process pool" drawing, observable without a logging configuration.
 *
 * <p>CPython counterpart: none (CPython's pool has only {@code util.debug} calls). The same hops are logged at DEBUG on
 * one SLF4J logger per stage, {@code dev.pyconcurrent.process.pool.trace.submit}, {@code .callqueue}, {@code .worker},
 * {@code .resultqueue} and {@code .future}; a listener set with
 * {@link ProcessPoolExecutorBuilder#trace(PoolTrace)} is called in addition, on the pool's internal threads, so it
 * must be fast and must not block. Every method has an empty default.
 *
 * <p>Step numbers are the article's: (1) the caller puts the work item in the work queue and gets its future,
 * (2) it is moved into the call queue, (3) a worker takes it, (4) the worker's result arrives, (5) the future is
 * set, (6) the caller gets the result from the future (that
 * last step happens in the caller's code, so there is no hop for it). Java differs in who does steps 2 and 5: the
 * manager thread moves a call only when work backs up ({@code submit} moves it itself when nothing waits ahead and
 * there is room), and the worker's channel thread sets the future from the result it read (CPython's manager does
 * both); each saves a thread wake-up per call. Each hop is reported just before the action
 * that lets the next stage proceed, so one listener sees a work item's hops in order.
 */
public interface PoolTrace {
    /** Step 1: {@code submit} created the work item and put its id on the work-id queue (caller's thread). */
    default void submitted(long workId, Object task) {
    }

    /**
     * Step 2: the item moves into the call queue (on the manager thread, or on the caller's thread when it could go
     * straight there); its future is now RUNNING.
     */
    default void movedToCallQueue(long workId) {
    }

    /** Step 3: a worker took the call (its pool-side channel sent it to worker {@code pid}). */
    default void takenByWorker(long workId, long pid) {
    }

    /** Step 4: the worker's result (or failure) arrived (read by the worker's channel thread). */
    default void resultQueued(long workId, long pid, boolean failed) {
    }

    /**
     * Step 5: the future is set, by the channel thread for results, by the manager for failures it decides
     * (reported just before, so before any waiter wakes);
     * {@code outcome} is "result", "exception" or "cancelled".
     */
    default void futureSet(long workId, String outcome) {
    }

    /** A listener that prints one line per hop to {@code out}, e.g. for the examples. */
    static PoolTrace printingTo(PrintStream out) {
        return new PoolTrace() {
            @Override
            public void submitted(long workId, Object task) {
                out.println("[submit]      work item " + workId + " submitted: " + task);
            }

            @Override
            public void movedToCallQueue(long workId) {
                out.println("[call queue]  work item " + workId + " moved to the call queue");
            }

            @Override
            public void takenByWorker(long workId, long pid) {
                out.println("[worker]      work item " + workId + " taken by worker pid " + pid);
            }

            @Override
            public void resultQueued(long workId, long pid, boolean failed) {
                out.println("[result q]    work item " + workId + (failed ? " failure" : " result")
                        + " from worker pid " + pid + " on the result queue");
            }

            @Override
            public void futureSet(long workId, String outcome) {
                out.println("[future]      work item " + workId + " future set: " + outcome);
            }
        };
    }
}

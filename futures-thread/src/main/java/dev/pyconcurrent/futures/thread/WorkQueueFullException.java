package dev.pyconcurrent.futures.thread;

import java.util.concurrent.RejectedExecutionException;

/**
 * A bounded {@link ThreadPoolExecutor} refused a task because its work queue was full: either the
 * {@link QueueFullPolicy#REJECT} policy, or {@link QueueFullPolicy#BLOCK} whose wait timed out. The task was
 * <em>not</em> queued; no future exists for it.
 *
 * <p>CPython counterpart: none (CPython's queue is unbounded; see {@link QueueFullPolicy}). It extends the JDK's
 * {@link RejectedExecutionException} so code written for {@code java.util.concurrent} executors handles it unchanged.
 */
public class WorkQueueFullException extends RejectedExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message how full the queue was and what the policy did
     */
    public WorkQueueFullException(String message) {
        super(message);
    }
}

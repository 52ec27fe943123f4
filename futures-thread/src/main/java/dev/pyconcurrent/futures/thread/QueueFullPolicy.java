package dev.pyconcurrent.futures.thread;

/**
 * What {@link ThreadPoolExecutor#submit} does when a bounded work queue is full.
 *
 * <p>CPython counterpart: none. CPython's work queue is an unbounded {@code queue.SimpleQueue}, so a producer that
 * outruns the workers grows it until the process runs out of memory and every queued task is lost. A
 * {@link ThreadPoolExecutorBuilder#maxQueueSize(int) maxQueueSize} turns that into one of these explicit choices.
 */
public enum QueueFullPolicy {
    /**
     * Backpressure: the submitting thread waits for a free slot (forever, or up to the builder's
     * {@code blockTimeout}, after which {@link WorkQueueFullException} is thrown and nothing was queued).
     */
    BLOCK,
    /** Fail fast: {@link WorkQueueFullException} at once; the task was not queued and nothing accepted is lost. */
    REJECT
}

package dev.pyconcurrent.futures.thread;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options for {@link ThreadPoolExecutor}: CPython's four constructor arguments plus the bounded queue.
 *
 * <p>CPython counterpart: the keyword arguments of {@code ThreadPoolExecutor(max_workers=None, thread_name_prefix='',
 * initializer=None, initargs=())} in {@code Lib/concurrent/futures/thread.py}; {@code maxQueueSize},
 * {@code queueFullPolicy} and {@code blockTimeout} have no CPython counterpart (its queue is unbounded).
 * Not thread-safe; {@link #build()} may be called more than once.
 */
public final class ThreadPoolExecutorBuilder {
    Integer maxWorkers;
    String threadNamePrefix;
    Runnable initializer;
    int maxQueueSize = Integer.MAX_VALUE;
    QueueFullPolicy queueFullPolicy = QueueFullPolicy.BLOCK;
    Duration blockTimeout;

    ThreadPoolExecutorBuilder() {
    }

    /** @param n at most this many threads, &gt; 0; null for the default @return this */
    public ThreadPoolExecutorBuilder maxWorkers(Integer n) {
        this.maxWorkers = n;
        return this;
    }

    /** @param prefix thread name prefix; null or empty for {@code ThreadPoolExecutor-<n>} @return this */
    public ThreadPoolExecutorBuilder threadNamePrefix(String prefix) {
        this.threadNamePrefix = prefix;
        return this;
    }

    /** @param init runs in each worker thread before its first call; null for none @return this */
    public ThreadPoolExecutorBuilder initializer(Runnable init) {
        this.initializer = init;
        return this;
    }

    /**
     * CPython's {@code initializer, initargs}.
     *
     * @param init the initializer; null for none
     * @param arg  its argument
     * @param <A>  the argument type
     * @return this
     */
    public <A> ThreadPoolExecutorBuilder initializer(Consumer<? super A> init, A arg) {
        this.initializer = init == null ? null : () -> init.accept(arg);
        return this;
    }

    /**
     * Bounds the work queue (Java addition; see {@link QueueFullPolicy}).
     *
     * @param max queued, not yet started calls allowed at once, &gt; 0
     * @return this
     */
    public ThreadPoolExecutorBuilder maxQueueSize(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxQueueSize must be greater than 0, got " + max);
        }
        this.maxQueueSize = max;
        return this;
    }

    /** @param policy what submit does when the bounded queue is full (default BLOCK) @return this */
    public ThreadPoolExecutorBuilder queueFullPolicy(QueueFullPolicy policy) {
        this.queueFullPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** @param timeout how long BLOCK waits for a slot; null (default) waits without limit @return this */
    public ThreadPoolExecutorBuilder blockTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("blockTimeout must not be negative, got " + timeout);
        }
        this.blockTimeout = timeout;
        return this;
    }

    /** @return a new executor with these options */
    public ThreadPoolExecutor build() {
        return new ThreadPoolExecutor(this);
    }
}

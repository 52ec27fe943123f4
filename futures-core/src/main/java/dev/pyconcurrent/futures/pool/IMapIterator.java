package dev.pyconcurrent.futures.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.FutureTimeoutException;
import dev.pyconcurrent.futures.WaitInterruptedException;

/**
 * The iterator {@link Pool#imap} returns: results in input order, each available as soon as it and all earlier ones
 * arrived.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: IMapIterator}. As there, the pool delivers task
 * outcomes by index through {@link #set}; out-of-order arrivals wait in {@code unsorted} until their turn; the pool
 * announces the number of tasks with {@link #setLength} once its task handler has read the whole input; a failed
 * task raises from {@link #next()} (as {@link ExecutionFailedException} with the original as cause) and iteration
 * goes on with the next item; {@link #next(Duration)} raises {@link FutureTimeoutException}. For chunked jobs every
 * task delivers a list that is flattened here (CPython flattens in a generator around the iterator; a failed chunk
 * is one raising item). Java adds {@link #abort}: the remaining items raise {@link CancelledException} once instead
 * of hanging after {@code terminate()}. One consumer at a time, as in CPython.
 *
 * <p>With a {@link BufferGate} (CPython main's {@code buffersize}; older releases have none), handing out the first
 * element of a task (or a failed task) lets the task handler read one more task; results waiting in
 * {@code unsorted} or in the hand-out queue still hold their places. {@link #abort} closes the gate so no more
 * input is read for an aborted job.
 *
 * <h2>States</h2>
 * <pre>
 *   OPEN -> OPEN       set(i, ...) delivers a task; setLength(n) announces the task count
 *   OPEN -> DRAINING   every announced task was delivered; buffered items are still handed out
 *   OPEN -> ABORTED    abort(reason): buffered items are handed out, then next() raises once
 *   DRAINING/ABORTED -> EXHAUSTED   the consumer took everything; hasNext() is false from then on
 * </pre>
 * A gate, if any, follows: next() handing out a task's first element releases one permit (in every state);
 * OPEN -> ABORTED closes it.
 *
 * @param <R> the element type
 */
public class IMapIterator<R> implements Iterator<R>, Iterable<R>, JobResult {
    /**
     * One deliverable element: a value, or a failure to raise. {@code firstOfTask} marks the element whose hand-out
     * frees the task's place in the buffer (CPython releases when its flattening generator takes the next chunk).
     */
    private record Item(boolean ok, Object value, boolean firstOfTask) {
    }

    private final long job;
    private final Map<Long, JobResult> cache;
    private final boolean chunked;
    private final boolean ordered;
    private final ReentrantLock lock = new ReentrantLock();
    /** CPython's {@code self._cond}. */
    private final Condition changed = lock.newCondition();
    /** Elements ready for the consumer, in hand-out order; guarded by {@link #lock}. */
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    /** Tasks that arrived before their turn (ordered mode only); guarded by {@link #lock}. */
    private final Map<Integer, Item> unsorted = new HashMap<>();
    /** Tasks delivered to {@link #items} so far (CPython's {@code _index}); guarded by {@link #lock}. */
    private int index;
    /** Number of tasks, or -1 until the input is exhausted (CPython's {@code _length = None}); guarded. */
    private int length = -1;
    /** Guarded by {@link #lock}; null unless aborted. */
    private Throwable aborted;
    private boolean abortReported;
    /** CPython main's {@code _backpressure_sema}; null without a buffersize. */
    private final BufferGate gate;

    /**
     * Creates the iterator and registers it in {@code cache}.
     *
     * @param job     the job number
     * @param cache   the pool's cache; the iterator leaves it when every task has been delivered
     * @param chunked true if each task delivers a {@link List} of consecutive results
     */
    public IMapIterator(long job, Map<Long, JobResult> cache, boolean chunked) {
        this(job, cache, chunked, true, null);
    }

    /**
     * Creates the iterator of a buffered job (CPython main's {@code IMapIterator(pool, buffersize)}) and registers
     * it in {@code cache}.
     *
     * @param job     the job number
     * @param cache   the pool's cache
     * @param chunked true if each task delivers a {@link List} of consecutive results
     * @param gate    the job's back-pressure, opened one task at a time as results are handed out; null for none
     */
    public IMapIterator(long job, Map<Long, JobResult> cache, boolean chunked, BufferGate gate) {
        this(job, cache, chunked, true, gate);
    }

    /** For {@link IMapUnorderedIterator}: {@code ordered == false} hands results out in arrival order. */
    IMapIterator(long job, Map<Long, JobResult> cache, boolean chunked, boolean ordered, BufferGate gate) {
        this.gate = gate;
        this.ordered = ordered;
        this.job = job;
        this.cache = Objects.requireNonNull(cache, "cache");
        this.chunked = chunked;
        cache.put(job, this);
    }

    @Override
    public long job() {
        return job;
    }

    @Override
    public void set(int taskIndex, boolean ok, Object outcome) {
        lock.lock();
        try {
            if (aborted != null) {
                return;
            }
            deliverLocked(taskIndex, new Item(ok, outcome, true));
            leaveCacheIfCompleteLocked();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ordered delivery: the task due next goes straight to the consumer, followed by any later tasks that were
     * waiting for it; an early task waits in {@code unsorted}. Unordered delivery (CPython's
     * {@code IMapUnorderedIterator._set}) hands every task out on arrival. Called with the lock held.
     *
     * @param taskIndex the task's position
     * @param item      its outcome
     */
    private void deliverLocked(int taskIndex, Item item) {
        if (!ordered) {
            append(item);
            index++;
            return;
        }
        if (taskIndex != index) {
            unsorted.put(taskIndex, item);
            return;
        }
        append(item);
        index++;
        Item next;
        while ((next = unsorted.remove(index)) != null) {
            append(next);
            index++;
        }
    }

    /** Called with the lock held. */
    private void append(Item item) {
        if (chunked && item.ok()) {
            boolean first = true;
            for (Object element : (List<?>) item.value()) {
                items.add(new Item(true, element, first));
                first = false;
            }
            if (first && gate != null) {
                gate.release(); // an empty chunk (never built by GuardedTasks): nothing will free its place
            }
        } else {
            items.add(item);
        }
    }

    /**
     * The task handler read the whole input: the job has {@code tasks} tasks (CPython {@code _set_length}).
     *
     * @param tasks the number of tasks (chunks, for chunked jobs)
     */
    public void setLength(int tasks) {
        lock.lock();
        try {
            length = tasks;
            leaveCacheIfCompleteLocked();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void leaveCacheIfCompleteLocked() {
        if (length >= 0 && index == length) {
            cache.remove(job, this);
        }
    }

    @Override
    public void abort(Throwable reason) {
        lock.lock();
        try {
            if (aborted == null && !(length >= 0 && index == length)) {
                aborted = Objects.requireNonNull(reason, "reason");
                cache.remove(job, this);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (gate != null) {
            gate.close(); // read no more input for a job nobody will get results of (CPython: terminate releases)
        }
    }

    @Override
    public boolean hasNext() {
        lock.lock();
        try {
            while (true) {
                if (!items.isEmpty()) {
                    return true;
                }
                if (aborted != null) {
                    return !abortReported;
                }
                if (length >= 0 && index == length) {
                    return false;
                }
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("pool job " + job, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public R next() {
        return next(null);
    }

    /**
     * CPython {@code IMapIterator.next(timeout)}.
     *
     * @param timeout how long to wait for the next element; null waits without limit
     * @return the next result in order
     * @throws NoSuchElementException   if every result was handed out (CPython's {@code StopIteration})
     * @throws FutureTimeoutException   if the next result did not arrive in time
     * @throws ExecutionFailedException if the task behind this element raised (iteration may continue)
     * @throws CancelledException       once, if the pool was terminated before the remaining results arrived
     */
    @SuppressWarnings("unchecked")
    public R next(Duration timeout) {
        long nanos = timeout == null ? Long.MAX_VALUE : Math.max(0, timeout.toNanos());
        Item item;
        lock.lock();
        try {
            while ((item = items.poll()) == null) {
                if (aborted != null) {
                    if (abortReported) {
                        throw new NoSuchElementException("pool job " + job + " was aborted");
                    }
                    abortReported = true;
                    throw new CancelledException(aborted.getMessage());
                }
                if (length >= 0 && index == length) {
                    throw new NoSuchElementException("pool job " + job + " has no more results");
                }
                if (timeout == null) {
                    changed.await();
                } else {
                    if (nanos <= 0) {
                        throw new FutureTimeoutException("next result of pool job " + job + " not ready after " + timeout);
                    }
                    nanos = changed.awaitNanos(nanos);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException("pool job " + job, e);
        } finally {
            lock.unlock();
        }
        if (gate != null && item.firstOfTask()) {
            gate.release(); // outside the lock: it may put the parked job back on the task queue
        }
        if (item.ok()) {
            return (R) item.value();
        }
        throw new ExecutionFailedException((Throwable) item.value());
    }

    /** @return this, so the iterator can drive a for-each loop once */
    @Override
    public Iterator<R> iterator() {
        return this;
    }
}

package dev.pyconcurrent.futures;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

import dev.pyconcurrent.futures.function.SerializableCallable;

/**
 * The result iterator of {@link Executor#map}: yields the calls' results in input order.
 *
 * <p>CPython counterpart: the {@code result_iterator} generator inside {@code Executor.map} and
 * {@code _result_or_cancel} ({@code Lib/concurrent/futures/_base.py}), with CPython main's semantics:
 * <ul>
 *   <li>Without a buffersize every call is submitted before {@code map} returns (issue 11777), so work starts even
 *       if nobody iterates. With a buffersize only that many are submitted; each {@code next()} first submits one
 *       more input (through a weak reference, stopping if the executor is gone), then waits for the oldest, so an
 *       infinite input runs in bounded memory and exactly {@code buffersize} inputs are pulled ahead.</li>
 *   <li>A failed call throws {@link ExecutionFailedException} (or {@link CancelledException}) for that item only;
 *       iteration continues with the next item.</li>
 *   <li>The timeout is one deadline for the whole iteration. When it passes, {@link FutureTimeoutException} is
 *       thrown, every call not yet yielded is cancelled and the iterator is exhausted.</li>
 *   <li>{@link #close()} (Python's generator {@code close()}) cancels every call not yet yielded.</li>
 * </ul>
 * Java differs: if submission fails part-way while {@code map} submits eagerly, the calls already submitted are
 * cancelled before the error propagates (CPython leaves them running, unreachable). Not thread-safe: one consumer.
 *
 * <h2>States</h2>
 * <pre>
 *   OPEN -> OPEN       next() yields a result or throws one call's failure
 *   OPEN -> EXHAUSTED  the last result was yielded
 *   OPEN -> CLOSED     close(), map timeout, interruption, or failure of the input or of a buffered submit;
 *                      every future not yet yielded is cancelled
 * </pre>
 *
 * @param <R> the result type
 */
public final class MapIterator<R> implements Iterator<R>, Iterable<R>, AutoCloseable {
    /** Submitted, not yet yielded, oldest first. */
    private final ArrayDeque<Future<R>> fs = new ArrayDeque<>();
    private final Duration timeout;
    private final long deadline;
    /** Inputs not yet submitted (buffersize mode only); null once exhausted or closed. */
    private Iterator<? extends SerializableCallable<R>> unsubmitted;
    private final WeakReference<Executor> executorRef;
    private int yielded;

    /**
     * Submits the first calls. Executors that override {@code map} (e.g. to send chunks) build one through
     * {@link Executor#mapCalls}.
     */
    MapIterator(Executor executor, Iterator<? extends SerializableCallable<R>> calls, MapOptions options) {
        this.timeout = options.timeout();
        this.deadline = Timeouts.deadline(timeout);
        Integer buffersize = options.buffersize();
        try {
            if (buffersize == null) {
                while (calls.hasNext()) {
                    fs.addLast(executor.submit(calls.next()));
                }
                this.unsubmitted = null;
                this.executorRef = null;
            } else {
                for (int i = 0; i < buffersize && calls.hasNext(); i++) {
                    fs.addLast(executor.submit(calls.next()));
                }
                this.unsubmitted = calls;
                this.executorRef = new WeakReference<>(executor);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public Iterator<R> iterator() {
        return this;
    }

    @Override
    public boolean hasNext() {
        return !fs.isEmpty();
    }

    /**
     * @return the next result in input order
     * @throws ExecutionFailedException if this item's call raised; iteration may continue
     * @throws CancelledException       if this item's call was cancelled (e.g. by {@code shutdown(cancelFutures)})
     * @throws FutureTimeoutException   if the map deadline passed; the iterator is then closed
     * @throws NoSuchElementException   if every result was yielded
     */
    @Override
    public R next() {
        if (fs.isEmpty()) {
            throw new NoSuchElementException("every result of map() was already yielded");
        }
        submitOneMore();
        Future<R> oldest = fs.pollFirst();
        try {
            R value = timeout == null ? oldest.result() : oldest.result(Duration.ofNanos(deadline - System.nanoTime()));
            yielded++;
            return value;
        } catch (FutureTimeoutException e) {
            int left = fs.size() + 1;
            close();
            FutureTimeoutException timedOut = new FutureTimeoutException("map() timeout of " + Timeouts.describe(timeout)
                    + " passed while waiting for result #" + (yielded + 1) + "; cancelled the " + left
                    + " calls not yet yielded");
            timedOut.initCause(e);
            throw timedOut;
        } catch (WaitInterruptedException e) {
            close();
            throw e;
        } finally {
            oldest.cancel(); // CPython's _result_or_cancel: a no-op unless we gave up on this future
        }
    }

    /** buffersize mode: keep the buffer full by submitting one input before waiting for the oldest result. */
    private void submitOneMore() {
        Iterator<? extends SerializableCallable<R>> calls = unsubmitted;
        if (calls == null) {
            return;
        }
        Executor executor = executorRef.get();
        try {
            if (executor == null || !calls.hasNext()) {
                unsubmitted = null;
                return;
            }
            fs.addLast(executor.submit(calls.next()));
        } catch (RuntimeException | Error e) {
            close(); // the input or submit failed: like CPython's generator finally, cancel what is left
            throw e;
        }
    }

    /** Cancels every call not yet yielded and stops submitting; afterwards {@link #hasNext()} is false. */
    @Override
    public void close() {
        unsubmitted = null;
        for (Future<R> f = fs.pollFirst(); f != null; f = fs.pollFirst()) {
            f.cancel();
        }
    }
}

package dev.pyconcurrent.futures.pool;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * A fixed set of workers fed from a task queue, with blocking, asynchronous and lazy ways to run work: the
 * {@code multiprocessing.Pool} API, shared by the thread pool ({@code multiprocessing.dummy.Pool}) and the process
 * pool so either can be swapped in.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: Pool} (and {@code ThreadPool}, which
 * {@code multiprocessing.dummy.Pool} returns). Implementations provide the five primitives ({@code applyAsync},
 * {@code mapAsync}, {@code imap}, {@code imapUnordered} with all arguments, including CPython main's
 * {@code buffersize}, and the life cycle); every convenience
 * overload here is built on them, as CPython builds {@code apply} on {@code apply_async} and {@code map} on
 * {@code _map_async}. Where Java differs:
 * <ul>
 *   <li>{@code func, args, kwds} become overloads taking a {@link SerializableCallable} or a one-argument
 *       {@link SerializableFunction}; {@code starmap} takes a two-argument function and {@link ArgPair}s.</li>
 *   <li>CPython's {@code close()} is {@link #shutdown()}, because Java's {@link #close()} belongs to
 *       {@link AutoCloseable}, and there it means what Python's {@code with} exit means: {@link #terminate()}
 *       (CPython's {@code Pool.__exit__} terminates, it does not close).</li>
 *   <li>Misuse of the life cycle (work submitted after shutdown, {@code join()} while running) is an
 *       {@link IllegalStateException} (CPython's {@code ValueError}); bad sizes are
 *       {@link IllegalArgumentException}.</li>
 *   <li>A chunk size of {@code null} means CPython's {@code chunksize=None}: about four chunks per worker.</li>
 * </ul>
 *
 * <h2>State transitions</h2>
 * See {@link PoolState}: RUN → CLOSE ({@link #shutdown()}), RUN/CLOSE → TERMINATE ({@link #terminate()},
 * {@link #close()}). {@link #join()} is legal only in CLOSE or TERMINATE.
 */
public interface Pool extends AutoCloseable {

    // ------------------------------------------------------------------ the primitives

    /**
     * CPython {@code apply_async(func, callback=, error_callback=)}.
     *
     * @param fn            the call
     * @param callback      runs with the result once it is ready (in a pool thread; must not block); may be null
     * @param errorCallback runs with the failure instead; may be null
     * @param <R>           the result type
     * @return the handle of the result
     * @throws IllegalStateException if the pool is not in RUN
     */
    <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn, Consumer<? super R> callback,
                                  Consumer<? super Throwable> errorCallback);

    /**
     * CPython {@code map_async(func, iterable, chunksize=, callback=, error_callback=)}. The input is read
     * completely before this returns (CPython turns it into a list), so an exception thrown by the input itself
     * propagates from this call and no task is queued.
     *
     * @param fn            the function
     * @param items         its inputs
     * @param chunksize     inputs per task, or null for about four tasks per worker
     * @param callback      runs with the full list on success; may be null
     * @param errorCallback runs with the first failure; may be null
     * @param <A>           the input type
     * @param <R>           the result type
     * @return the handle of the list of results, in input order
     */
    <A, R> AsyncResult<List<R>> mapAsync(SerializableFunction<A, R> fn, Iterable<? extends A> items,
                                         Integer chunksize, Consumer<? super List<R>> callback,
                                         Consumer<? super Throwable> errorCallback);

    /**
     * CPython {@code imap(func, iterable, chunksize)}: returns at once; a pool thread reads the input lazily. An
     * exception thrown by the input surfaces from the iterator at its position.
     *
     * @param fn        the function
     * @param items     its inputs
     * @param chunksize inputs per task, at least 1
     * @param <A>       the input type
     * @param <R>       the result type
     * @return the results in input order
     * @throws IllegalArgumentException if {@code chunksize < 1} ({@code "Chunksize must be 1+, not 0"})
     */
    default <A, R> IMapIterator<R> imap(SerializableFunction<A, R> fn, Iterable<? extends A> items, int chunksize) {
        return imap(fn, items, chunksize, null);
    }

    /**
     * CPython main's {@code imap(func, iterable, chunksize, buffersize)}: like {@link #imap(SerializableFunction,
     * Iterable, int)}, but with a {@code buffersize}, at most that many tasks (chunks, when {@code chunksize > 1}) are
     * read from the input and submitted ahead of the consumer. Each result the consumer takes (the first element of
     * a chunk, for chunked jobs) lets one more task in, so an infinite input runs in bounded memory. Set it to at
     * least {@link #processes()} to keep every worker busy. Releases before 3.15 have no {@code buffersize}.
     *
     * <p>Where Java differs: CPython's task handler blocks while the buffer is full, holding up every job queued
     * behind this one; here the job steps aside until its consumer makes room, and later jobs run meanwhile. As in
     * CPython, {@link #join()} after {@link #shutdown()} waits until the consumer has taken the job's results
     * (CPython gh-155477); {@link #terminate()} ends the job at once.
     *
     * @param fn         the function
     * @param items      its inputs
     * @param chunksize  inputs per task, at least 1
     * @param buffersize tasks read ahead of the consumer, at least 1; null reads the whole input eagerly
     * @param <A>        the input type
     * @param <R>        the result type
     * @return the results in input order
     * @throws IllegalArgumentException if {@code chunksize < 1} or {@code buffersize < 1}
     *                                  ({@code "buffersize must be null or > 0, got 0"})
     */
    <A, R> IMapIterator<R> imap(SerializableFunction<A, R> fn, Iterable<? extends A> items, int chunksize,
                                Integer buffersize);

    /**
     * CPython {@code imap_unordered(func, iterable, chunksize)}.
     *
     * @param fn        the function
     * @param items     its inputs
     * @param chunksize inputs per task, at least 1
     * @param <A>       the input type
     * @param <R>       the result type
     * @return the results in completion order
     */
    default <A, R> IMapIterator<R> imapUnordered(SerializableFunction<A, R> fn, Iterable<? extends A> items,
                                                 int chunksize) {
        return imapUnordered(fn, items, chunksize, null);
    }

    /**
     * CPython main's {@code imap_unordered(func, iterable, chunksize, buffersize)}: the back-pressure of
     * {@link #imap(SerializableFunction, Iterable, int, Integer)} with results in completion order. A result that
     * arrived but was not taken yet still holds its place in the buffer. Releases before 3.15 have no
     * {@code buffersize}.
     *
     * @param fn         the function
     * @param items      its inputs
     * @param chunksize  inputs per task, at least 1
     * @param buffersize tasks read ahead of the consumer, at least 1; null reads the whole input eagerly
     * @param <A>        the input type
     * @param <R>        the result type
     * @return the results in completion order
     * @throws IllegalArgumentException if {@code chunksize < 1} or {@code buffersize < 1}
     */
    <A, R> IMapIterator<R> imapUnordered(SerializableFunction<A, R> fn, Iterable<? extends A> items, int chunksize,
                                         Integer buffersize);

    /** @return the number of workers, CPython's {@code len(pool._pool)} / {@code _processes} */
    int processes();

    /** @return the current life-cycle state */
    PoolState state();

    /**
     * CPython {@code close()}: accept no more work; queued work still runs and the workers exit when it is done.
     * Renamed because {@link #close()} is {@link AutoCloseable}'s. Harmless
     * in CLOSE or TERMINATE.
     */
    void shutdown();

    /**
     * CPython {@code terminate()}: stop at once. Queued work is dropped and its results fail with
     * {@link dev.pyconcurrent.futures.CancelledException}; running work is waited for (threads cannot be killed;
     * a process pool kills its workers). Idempotent.
     */
    void terminate();

    /**
     * CPython {@code join()}: wait for the workers to exit.
     *
     * @throws IllegalStateException if the pool is still in RUN ({@code "Pool is still running"})
     */
    default void join() {
        join(null);
    }

    /**
     * {@link #join()} with a bound (Java addition, so callers and tests never hang).
     *
     * @param timeout how long to wait; null waits without limit
     * @return true if every worker exited
     * @throws IllegalStateException if the pool is still in RUN
     */
    boolean join(Duration timeout);

    /** Python's {@code with} exit: {@link #terminate()}, as CPython's {@code Pool.__exit__}. */
    @Override
    default void close() {
        terminate();
    }

    // ------------------------------------------------------------------ conveniences, as CPython builds them

    /**
     * CPython {@code apply(func)}: {@code apply_async(func).get()}.
     *
     * @param fn  the call
     * @param <R> the result type
     * @return its result
     */
    default <R> R apply(SerializableCallable<R> fn) {
        return applyAsync(fn, null, null).get();
    }

    /**
     * CPython {@code apply(func, (arg,))}.
     *
     * @param fn  the function
     * @param arg its argument
     * @param <A> the argument type
     * @param <R> the result type
     * @return {@code fn(arg)}
     */
    default <A, R> R apply(SerializableFunction<A, R> fn, A arg) {
        return applyAsync(fn, arg).get();
    }

    /**
     * CPython {@code apply_async(func)}.
     *
     * @param fn  the call
     * @param <R> the result type
     * @return the handle of the result
     */
    default <R> AsyncResult<R> applyAsync(SerializableCallable<R> fn) {
        return applyAsync(fn, null, null);
    }

    /**
     * CPython {@code apply_async(func, (arg,))}.
     *
     * @param fn  the function
     * @param arg its argument
     * @param <A> the argument type
     * @param <R> the result type
     * @return the handle of {@code fn(arg)}
     */
    default <A, R> AsyncResult<R> applyAsync(SerializableFunction<A, R> fn, A arg) {
        return applyAsync(fn, arg, null, null);
    }

    /**
     * CPython {@code apply_async(func, (arg,), callback=, error_callback=)}.
     *
     * @param fn            the function
     * @param arg           its argument
     * @param callback      runs with the result; may be null
     * @param errorCallback runs with the failure; may be null
     * @param <A>           the argument type
     * @param <R>           the result type
     * @return the handle of {@code fn(arg)}
     */
    default <A, R> AsyncResult<R> applyAsync(SerializableFunction<A, R> fn, A arg, Consumer<? super R> callback,
                                             Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(fn, "fn");
        return applyAsync((SerializableCallable<R>) () -> fn.apply(arg), callback, errorCallback);
    }

    /**
     * CPython {@code map(func, iterable)}: blocks until every result is back.
     *
     * @param fn    the function
     * @param items its inputs
     * @param <A>   the input type
     * @param <R>   the result type
     * @return the results in input order
     * @throws dev.pyconcurrent.futures.ExecutionFailedException with the first failure as cause, if a call raised
     */
    default <A, R> List<R> map(SerializableFunction<A, R> fn, Iterable<? extends A> items) {
        return mapAsync(fn, items, null, null, null).get();
    }

    /**
     * CPython {@code map(func, iterable, chunksize)}.
     *
     * @param fn        the function
     * @param items     its inputs
     * @param chunksize inputs per task, at least 1
     * @param <A>       the input type
     * @param <R>       the result type
     * @return the results in input order
     */
    default <A, R> List<R> map(SerializableFunction<A, R> fn, Iterable<? extends A> items, int chunksize) {
        return mapAsync(fn, items, chunksize, null, null).get();
    }

    /**
     * CPython {@code map_async(func, iterable)}.
     *
     * @param fn    the function
     * @param items its inputs
     * @param <A>   the input type
     * @param <R>   the result type
     * @return the handle of the list of results
     */
    default <A, R> AsyncResult<List<R>> mapAsync(SerializableFunction<A, R> fn, Iterable<? extends A> items) {
        return mapAsync(fn, items, null, null, null);
    }

    /**
     * CPython {@code starmap(func, iterable_of_pairs)}: {@code [fn(a, b) for (a, b) in pairs]}.
     *
     * @param fn    the function
     * @param pairs its argument pairs
     * @param <A>   the first argument type
     * @param <B>   the second argument type
     * @param <R>   the result type
     * @return the results in input order
     */
    default <A, B, R> List<R> starmap(SerializableBiFunction<A, B, R> fn,
                                      Iterable<? extends ArgPair<? extends A, ? extends B>> pairs) {
        return starmapAsync(fn, pairs, null, null, null).get();
    }

    /**
     * CPython {@code starmap(func, iterable_of_pairs, chunksize)}.
     *
     * @param fn        the function
     * @param pairs     its argument pairs
     * @param chunksize pairs per task, at least 1
     * @param <A>       the first argument type
     * @param <B>       the second argument type
     * @param <R>       the result type
     * @return the results in input order
     */
    default <A, B, R> List<R> starmap(SerializableBiFunction<A, B, R> fn,
                                      Iterable<? extends ArgPair<? extends A, ? extends B>> pairs, int chunksize) {
        return starmapAsync(fn, pairs, chunksize, null, null).get();
    }

    /**
     * CPython {@code starmap_async(func, iterable_of_pairs, chunksize=, callback=, error_callback=)}.
     *
     * @param fn            the function
     * @param pairs         its argument pairs
     * @param chunksize     pairs per task, or null for about four tasks per worker
     * @param callback      runs with the full list on success; may be null
     * @param errorCallback runs with the first failure; may be null
     * @param <A>           the first argument type
     * @param <B>           the second argument type
     * @param <R>           the result type
     * @return the handle of the list of results
     */
    default <A, B, R> AsyncResult<List<R>> starmapAsync(SerializableBiFunction<A, B, R> fn,
                                                        Iterable<? extends ArgPair<? extends A, ? extends B>> pairs,
                                                        Integer chunksize, Consumer<? super List<R>> callback,
                                                        Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(fn, "fn");
        SerializableFunction<ArgPair<? extends A, ? extends B>, R> star = p -> fn.apply(p.first(), p.second());
        return mapAsync(star, pairs, chunksize, callback, errorCallback);
    }

    /**
     * CPython {@code imap(func, iterable)} (chunksize 1).
     *
     * @param fn    the function
     * @param items its inputs
     * @param <A>   the input type
     * @param <R>   the result type
     * @return the results in input order
     */
    default <A, R> IMapIterator<R> imap(SerializableFunction<A, R> fn, Iterable<? extends A> items) {
        return imap(fn, items, 1);
    }

    /**
     * CPython {@code imap_unordered(func, iterable)} (chunksize 1).
     *
     * @param fn    the function
     * @param items its inputs
     * @param <A>   the input type
     * @param <R>   the result type
     * @return the results in completion order
     */
    default <A, R> IMapIterator<R> imapUnordered(SerializableFunction<A, R> fn, Iterable<? extends A> items) {
        return imapUnordered(fn, items, 1);
    }

    /**
     * CPython main's {@code buffersize} check for {@code imap}, worded as {@link dev.pyconcurrent.futures.MapOptions}
     * words it for {@code Executor.map} (CPython's {@code TypeError} for a non-integer cannot happen in Java).
     *
     * @param buffersize the value to check; null is valid (no back-pressure)
     * @throws IllegalArgumentException if {@code buffersize < 1}
     */
    static void checkBuffersize(Integer buffersize) {
        if (buffersize != null && buffersize < 1) {
            throw new IllegalArgumentException("buffersize must be null or > 0, got " + buffersize);
        }
    }

    /**
     * CPython's {@code chunksize=None} rule for {@code map}: {@code ceil(length / (processes * 4))}, 0 for an
     * empty input.
     *
     * @param length    the number of inputs
     * @param processes the number of workers
     * @return the chunk size to use
     */
    static int defaultChunksize(int length, int processes) {
        if (length == 0) {
            return 0;
        }
        long per = (long) processes * 4;
        return (int) ((length + per - 1) / per);
    }
}

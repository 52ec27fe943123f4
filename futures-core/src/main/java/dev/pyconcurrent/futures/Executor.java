package dev.pyconcurrent.futures;

import java.util.Iterator;
import java.util.Objects;

import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * Runs calls asynchronously and hands back {@link Future}s: the base of the thread and process pools.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/_base.py: Executor}. Subclasses implement
 * {@link #submit(SerializableCallable)} and {@link #shutdown(boolean, boolean)}; {@code map} and the other
 * {@code submit} overloads are built on top, as in CPython. Where Java differs:
 * <ul>
 *   <li>Python's {@code submit(fn, *args, **kwargs)} becomes overloads for zero, one and two arguments; tasks are
 *       typed with the {@code Serializable*} functional interfaces so lambdas can travel to a worker process.</li>
 *   <li>{@code map(fn, *iterables)} becomes one- and two-iterable overloads (zip: the shortest input wins); the
 *       keyword arguments travel in {@link MapOptions}. The result is a {@link MapIterator}, which is
 *       {@link AutoCloseable} like a Python generator.</li>
 *   <li>It implements {@link java.util.concurrent.Executor}: {@link #execute(Runnable)} submits and logs a failure
 *       nobody could otherwise see.</li>
 *   <li>{@link #close()} is Python's {@code with} exit, {@code shutdown(wait=True)}.</li>
 * </ul>
 *
 * <h2>Life cycle</h2>
 * Concrete executors document their own states (e.g. running → shutting down → shut down, and broken); this base
 * keeps none. CPython's base {@code shutdown} is a no-op, and so is {@link #shutdown(boolean, boolean)} here.
 */
public abstract class Executor implements java.util.concurrent.Executor, AutoCloseable {

    /** For subclasses. */
    protected Executor() {
    }

    /**
     * Schedules {@code task.call()} and returns a PENDING future for it; CPython {@code submit(fn)}.
     *
     * @param task the call
     * @param <T>  its result type
     * @return the future of the call
     */
    public abstract <T> Future<T> submit(SerializableCallable<T> task);

    /**
     * Binds {@code fn} to its argument as one call: what {@code submit(fn, arg)} and every item of {@code map}
     * submit. CPython's counterpart is the {@code (fn, args, kwargs)} a work item carries. An executor that ships
     * calls elsewhere overrides this to return its own wire-ready call type (the process pool does).
     */
    protected <A, R> SerializableCallable<R> bind(SerializableFunction<A, R> fn, A arg) {
        return new BoundCalls.FunctionCall<>(fn, arg);
    }

    /** {@link #bind(SerializableFunction, Object)} for two arguments. */
    protected <A, B, R> SerializableCallable<R> bind(SerializableBiFunction<A, B, R> fn, A first, B second) {
        return new BoundCalls.BiFunctionCall<>(fn, first, second);
    }

    /**
     * CPython {@code submit(fn, arg)}; binds the argument and delegates to {@link #submit(SerializableCallable)}.
     *
     * @param fn  the function
     * @param arg its argument
     * @param <A> the argument type
     * @param <R> the result type
     * @return the future of {@code fn(arg)}
     */
    public <A, R> Future<R> submit(SerializableFunction<A, R> fn, A arg) {
        return submit(bind(Objects.requireNonNull(fn, "fn"), arg));
    }

    /**
     * CPython {@code submit(fn, a, b)}; binds the arguments and delegates to {@link #submit(SerializableCallable)}.
     *
     * @param fn     the function
     * @param first  its first argument
     * @param second its second argument
     * @param <A>    the first argument type
     * @param <B>    the second argument type
     * @param <R>    the result type
     * @return the future of {@code fn(first, second)}
     */
    public <A, B, R> Future<R> submit(SerializableBiFunction<A, B, R> fn, A first, B second) {
        return submit(bind(Objects.requireNonNull(fn, "fn"), first, second));
    }

    /**
     * CPython {@code map(fn, items)} with default options: every call is submitted before this returns.
     *
     * @param fn    the function
     * @param items its inputs
     * @param <A>   the input type
     * @param <R>   the result type
     * @return the results in input order
     */
    public <A, R> MapIterator<R> map(SerializableFunction<A, R> fn, Iterable<? extends A> items) {
        return map(fn, items, MapOptions.defaults());
    }

    /**
     * CPython {@code map(fn, items, timeout=, chunksize=, buffersize=)}; see {@link MapIterator} for the
     * iteration semantics. Process pools override this to send chunks.
     *
     * @param fn      the function
     * @param items   its inputs
     * @param options timeout, chunksize, buffersize
     * @param <A>     the input type
     * @param <R>     the result type
     * @return the results in input order
     */
    public <A, R> MapIterator<R> map(SerializableFunction<A, R> fn, Iterable<? extends A> items, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Iterator<? extends A> inputs = Objects.requireNonNull(items, "items").iterator();
        Iterator<SerializableCallable<R>> calls = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return inputs.hasNext();
            }

            @Override
            public SerializableCallable<R> next() {
                return bind(fn, inputs.next());
            }
        };
        return mapCalls(calls, options);
    }

    /**
     * CPython {@code map(fn, as, bs)}: zips the inputs, stopping at the shortest.
     *
     * @param fn      the function
     * @param firsts  its first arguments
     * @param seconds its second arguments
     * @param <A>     the first argument type
     * @param <B>     the second argument type
     * @param <R>     the result type
     * @return the results in input order
     */
    public <A, B, R> MapIterator<R> map(SerializableBiFunction<A, B, R> fn, Iterable<? extends A> firsts,
                                        Iterable<? extends B> seconds) {
        return map(fn, firsts, seconds, MapOptions.defaults());
    }

    /**
     * CPython {@code map(fn, as, bs, timeout=, chunksize=, buffersize=)}: zips the inputs, stopping at the shortest
     * (the second input is not advanced once the first is exhausted, as with Python's {@code zip}).
     *
     * @param fn      the function
     * @param firsts  its first arguments
     * @param seconds its second arguments
     * @param options timeout, chunksize, buffersize
     * @param <A>     the first argument type
     * @param <B>     the second argument type
     * @param <R>     the result type
     * @return the results in input order
     */
    public <A, B, R> MapIterator<R> map(SerializableBiFunction<A, B, R> fn, Iterable<? extends A> firsts,
                                        Iterable<? extends B> seconds, MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        Iterator<? extends A> as = Objects.requireNonNull(firsts, "firsts").iterator();
        Iterator<? extends B> bs = Objects.requireNonNull(seconds, "seconds").iterator();
        Iterator<SerializableCallable<R>> calls = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return as.hasNext() && bs.hasNext();
            }

            @Override
            public SerializableCallable<R> next() {
                return bind(fn, as.next(), bs.next());
            }
        };
        return mapCalls(calls, options);
    }

    /**
     * The engine behind every {@code map}: submits {@code calls} through {@link #submit(SerializableCallable)}
     * (all at once, or {@code buffersize} ahead) and yields their results in order. An executor that overrides
     * {@code map} to batch inputs (the process pool sends a chunk as one call) passes its chunk calls here and
     * flattens the chunk results, delegating {@link MapIterator#close()}.
     *
     * @param calls   the calls, in input order; pulled lazily in buffersize mode
     * @param options timeout and buffersize ({@code chunksize} is the caller's business)
     * @param <R>     the result type of one call
     * @return the results in input order
     */
    protected <R> MapIterator<R> mapCalls(Iterator<? extends SerializableCallable<R>> calls, MapOptions options) {
        return new MapIterator<>(this, Objects.requireNonNull(calls, "calls"), Objects.requireNonNull(options, "options"));
    }

    /**
     * {@link java.util.concurrent.Executor#execute}: submits {@code command} and, since no caller holds the
     * future, logs its failure on logger {@code dev.pyconcurrent.futures}. For a process pool the command must be
     * {@link java.io.Serializable}.
     *
     * @param command the task
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        Future<Object> f = submit(new BoundCalls.RunnableCall(command));
        f.addDoneCallback(done -> {
            if (!done.cancelled() && done.exception() != null) {
                Future.LOGGER.error("task {} run by execute() raised", command, done.exception());
            }
        });
    }

    /**
     * Releases the executor's resources; CPython {@code shutdown(wait=True, *, cancel_futures=False)}. Safe to call
     * more than once; {@code submit} afterwards fails. The base implementation does nothing, as in CPython.
     *
     * @param wait          if true, return only after every running and queued call finished and the workers
     *                      were reclaimed
     * @param cancelFutures if true, cancel every call that has not started yet
     */
    public void shutdown(boolean wait, boolean cancelFutures) {
    }

    /** {@code shutdown(wait=True)}. */
    public final void shutdown() {
        shutdown(true, false);
    }

    /** @param wait see {@link #shutdown(boolean, boolean)} */
    public final void shutdown(boolean wait) {
        shutdown(wait, false);
    }

    /** Python's {@code with} exit: {@code shutdown(wait=True)}. */
    @Override
    public final void close() {
        shutdown(true, false);
    }
}

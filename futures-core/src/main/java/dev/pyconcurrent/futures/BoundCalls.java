package dev.pyconcurrent.futures;

import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * Functions bound to their arguments, so every {@code submit} overload reaches the one abstract
 * {@link Executor#submit(SerializableCallable)}. They are records, hence serializable whenever the function and the
 * arguments are, and they print as {@code fn(arg)} in logs.
 *
 * <p>CPython counterpart: the {@code (fn, args, kwargs)} triple a {@code _WorkItem}/{@code _CallItem} carries.
 */
final class BoundCalls {
    private BoundCalls() {
    }

    record FunctionCall<A, R>(SerializableFunction<A, R> fn, A arg) implements SerializableCallable<R> {
        @Override
        public R call() throws Exception {
            return fn.apply(arg);
        }

        @Override
        public String toString() {
            return fn + "(" + arg + ")";
        }
    }

    record BiFunctionCall<A, B, R>(SerializableBiFunction<A, B, R> fn, A first, B second)
            implements SerializableCallable<R> {
        @Override
        public R call() throws Exception {
            return fn.apply(first, second);
        }

        @Override
        public String toString() {
            return fn + "(" + first + ", " + second + ")";
        }
    }

    /** {@code execute(Runnable)}: serializable only if the runnable is. */
    record RunnableCall(Runnable command) implements SerializableCallable<Object> {
        @Override
        public Object call() {
            command.run();
            return null;
        }

        @Override
        public String toString() {
            return command.toString();
        }
    }
}

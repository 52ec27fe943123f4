package dev.pyconcurrent.process.pool;

import java.util.Arrays;

import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.process.pool.worker.FunctionTable;
import dev.pyconcurrent.process.pool.worker.Wire;
import dev.pyconcurrent.process.pool.worker.WireBuffer;

/**
 * The calls a work item can carry, each knowing how to write itself as a {@link Wire} CALL body.
 *
 * <p>CPython counterpart: the {@code fn, args, kwargs} of {@code _WorkItem}/{@code _CallItem}, and for {@code map}
 * the {@code partial(_process_chunk, fn)} call with its chunk of argument tuples. The function and bi-function shapes
 * exist so the function travels once per worker ({@link FunctionTable}); they are {@link SerializableCallable}s so
 * they can also pass through the base executor's {@code mapCalls}.
 */
final class PoolCalls {
    private PoolCalls() {
    }

    /** A call as the wire sees it. */
    interface PoolCall {
        byte shape();

        /** Writes the body after the CALL tag, work id and shape. */
        void writeBody(WireBuffer out, FunctionTable functions, Serializer serializer);
    }

    /** {@code submit(callable)}: the callable travels whole every time (it carries its own captured state). */
    record CallableCall<R>(SerializableCallable<R> task) implements PoolCall {
        @Override
        public byte shape() {
            return Wire.SHAPE_CALLABLE;
        }

        @Override
        public void writeBody(WireBuffer out, FunctionTable functions, Serializer serializer) {
            Wire.writeValue(out, task, serializer);
        }

        @Override
        public String toString() {
            return String.valueOf(task);
        }
    }

    /** {@code submit(fn, arg)} and chunksize-1 {@code map(fn, items)}. */
    record FunctionCall<A, R>(SerializableFunction<A, R> fn, A arg) implements PoolCall, SerializableCallable<R> {
        @Override
        public byte shape() {
            return Wire.SHAPE_FUNCTION;
        }

        @Override
        public void writeBody(WireBuffer out, FunctionTable functions, Serializer serializer) {
            functions.writeRef(out, fn, serializer);
            Wire.writeValue(out, arg, serializer);
        }

        @Override
        public R call() throws Exception {
            return fn.apply(arg);
        }

        @Override
        public String toString() {
            return fn + "(" + arg + ")";
        }
    }

    /** {@code submit(fn, a, b)} and chunksize-1 {@code map(fn, as, bs)}. */
    record BiFunctionCall<A, B, R>(SerializableBiFunction<A, B, R> fn, A first, B second)
            implements PoolCall, SerializableCallable<R> {
        @Override
        public byte shape() {
            return Wire.SHAPE_BIFUNCTION;
        }

        @Override
        public void writeBody(WireBuffer out, FunctionTable functions, Serializer serializer) {
            functions.writeRef(out, fn, serializer);
            Wire.writeValue(out, first, serializer);
            Wire.writeValue(out, second, serializer);
        }

        @Override
        public R call() throws Exception {
            return fn.apply(first, second);
        }

        @Override
        public String toString() {
            return fn + "(" + first + ", " + second + ")";
        }
    }

    /**
     * One chunk of {@code map}: CPython's {@code partial(_process_chunk, fn)} applied to a batch. {@code seconds} is
     * null for one-iterable maps. The worker answers with one outcome per item ({@link ChunkResult}).
     */
    record ChunkCall(Object fn, Object[] firsts, Object[] seconds) implements PoolCall {
        @Override
        public byte shape() {
            return seconds == null ? Wire.SHAPE_CHUNK1 : Wire.SHAPE_CHUNK2;
        }

        @Override
        public void writeBody(WireBuffer out, FunctionTable functions, Serializer serializer) {
            functions.writeRef(out, fn, serializer);
            out.writeInt(firsts.length);
            for (int i = 0; i < firsts.length; i++) {
                Wire.writeValue(out, firsts[i], serializer);
                if (seconds != null) {
                    Wire.writeValue(out, seconds[i], serializer);
                }
            }
        }

        @Override
        public String toString() {
            return "chunk of " + firsts.length + " calls of " + fn + " " + Arrays.toString(firsts);
        }
    }

    /** The worker's answer to a {@link ChunkCall}: per item, a value or a failure (CPython main: per-item errors). */
    record ChunkResult(Object[] values, Throwable[] failures) {
    }
}

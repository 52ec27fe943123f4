package dev.pyconcurrent.process.pool.worker;

import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;

import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.function.SerializableRunnable;
import dev.pyconcurrent.ipc.connection.Client;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import dev.pyconcurrent.process.spawn.ChildContext;
import dev.pyconcurrent.process.spawn.ChildEntryPoint;
import dev.pyconcurrent.process.spawn.ChildJvmLauncher;
import dev.pyconcurrent.process.spawn.PayloadFields;

/**
 * The program of one pool worker JVM: connect back to the pool, run the start.initializer(), then take calls and send
 * results until told to exit, until {@code maxTasksPerChild} calls ran, or until the pool is gone.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/process.py: _process_worker(call_queue, result_queue,
 * start.initializer(), initargs, max_tasks)}. As there: an initializer failure is reported and ends the worker (the pool
 * then breaks); the exit sentinel is answered with the worker's pid; with {@code max_tasks} the last result carries
 * "I am retiring" ({@code exit_pid}); a result that cannot be serialized is replaced by the serialization error
 * ({@code _sendback_result}); the call's references are dropped right after the call. Java differs:
 * <ul>
 *   <li>Each worker has its own socket to the pool instead of sharing one call queue and one result queue; see
 *       {@code ProcessPoolExecutor} for why.</li>
 *   <li>A call that cannot be deserialized is reported as {@code FATAL} with its stack trace before the worker exits
 *       with status 1, so the parent's {@code BrokenProcessPoolException} carries the remote cause (CPython's worker
 *       just dies on the unpickling error).</li>
 *   <li>{@code System.exit} in a task ends the JVM (it is not an exception here, unlike Python's
 *       {@code SystemExit}): the pool sees a dead worker.</li>
 * </ul>
 * The parent's process authkey arrives with the spawn frame ({@code ChildBootstrap} sets it before this runs), so
 * tasks can use queues and locks hosted by the parent. Start-up matters (it is paid by every worker): this class and
 * the ones it uses touch no logging framework.
 */
public final class WorkerMain implements ChildEntryPoint {
    private static final long serialVersionUID = 1L;
    /** Exit status after a fatal error (initializer failed, undecodable call). */
    public static final int FAILURE_STATUS = 1;

    /** Where to connect, who this worker is, its serializer, initializer and task limit. */
    private final WorkerStart start;
    /** {@link WarmUpFunction#VALUE} written as a {@link Wire} value with the pool's serializer, or null. */
    private final byte[] warmUp;

    /**
     * Rebuilt on a side thread while the worker connects (see {@link #startWarmUp}). In a holder class, so that loading
     * {@code WorkerMain} in the worker does not create the lambda on the main thread (the cost the warm-up moves away).
     */
    private static final class WarmUpFunction {
        static final SerializableFunction<Object, Object> VALUE = x -> x;
    }

    /**
     * @param serializer shipped as an instance if it is a custom {@link java.io.Serializable} one, else by its name
     */
    public WorkerMain(String socketPath, long workerId, Serializer serializer, byte[] initializer,
                      int maxTasks) {
        this.start = WorkerStart.of(socketPath, workerId, serializer, initializer, maxTasks);
        byte[] bytes;
        try {
            WireBuffer value = new WireBuffer();
            Wire.writeValue(value, WarmUpFunction.VALUE, serializer);
            bytes = java.util.Arrays.copyOf(value.array(), value.size());
        } catch (RuntimeException notForThisSerializer) {
            bytes = null;
        }
        this.warmUp = bytes;
    }

    private WorkerMain(WorkerStart start, byte[] warmUp) {
        this.start = start;
        this.warmUp = warmUp;
    }

    /**
     * The spawn payload of this worker without Java serialization ({@link ChildJvmLauncher#dataPayload}): plain
     * fields, so the worker's start path does not pay the first {@code ObjectInputStream} (≈ 25 ms, measured) before
     * it connects. The two standard serializers travel by name; only a custom serializer instance is Java-serialized
     * (and read with an {@code ObjectInputStream} in the worker).
     */
    public byte[] toSpawnPayload() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            start.write(out);
            PayloadFields.writeBytes(out, warmUp);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return ChildJvmLauncher.dataPayload(WorkerMain.class, bytes.toByteArray());
    }

    /** Called by {@code ChildBootstrap} for the payload of {@link #toSpawnPayload()}. */
    public static ChildEntryPoint fromData(DataInput in) throws IOException, ClassNotFoundException {
        WorkerStart start = WorkerStart.read(in);
        return new WorkerMain(start, PayloadFields.readBytes(in));
    }

    /**
     * The first serializable lambda a JVM rebuilds pays for the lambda bootstrap machinery (~20 ms); the first call
     * of most pools is a lambda. Rebuilding a trivial one on a side thread while the main thread connects overlaps
     * that cost with the connection set-up. With the default serializer it is rebuilt by reference
     * ({@link LambdaReference}), like the first call will be, so neither thread opens an object stream.
     */
    private void startWarmUp(Serializer serializer) {
        if (warmUp == null) {
            return;
        }
        Thread warm = new Thread(new WarmUp(warmUp, serializer), "pool-worker-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /**
     * The warm-up task. A named class, not a lambda: creating the JVM's first lambda bootstraps the lambda machinery,
     * and that is the very cost this thread exists to take off the main thread.
     */
    private static final class WarmUp implements Runnable {
        private final byte[] value;
        private final Serializer serializer;

        WarmUp(byte[] value, Serializer serializer) {
            this.value = value;
            this.serializer = serializer;
        }

        @Override
        public void run() {
            try {
                Wire.readValue(new WireReader().reset(value, value.length), serializer);
            } catch (RuntimeException ignored) {
                // only an optimisation
            }
        }
    }

    @Override
    public int runInChild(ChildContext context) {
        Serializer serializer = start.serializer();
        startWarmUp(serializer);
        MessageChannel channel;
        try {
            channel = new MessageChannel(Client.connect(UnixDomainSocketAddress.of(start.socketPath()), null, serializer));
            channel.startMessage().writeByte(Wire.HELLO).writeLong(start.workerId()).writeLong(ProcessHandle.current().pid());
            channel.send();
        } catch (IOException e) {
            System.err.println("pyconcurrent pool worker " + start.workerId() + ": cannot connect to the pool: " + e);
            return FAILURE_STATUS;
        }
        try (channel) {
            if (!runInitializer(channel, serializer)) {
                return FAILURE_STATUS;
            }
            channel.startMessage().writeByte(Wire.READY).writeLong(ProcessHandle.current().pid());
            channel.send();
            return new CallLoop(channel, serializer, start.maxTasks()).run();
        } catch (EOFException parentGone) {
            return 0; // the pool closed our socket: nothing left to do (CPython's worker dies with its queues)
        } catch (IOException e) {
            System.err.println("pyconcurrent pool worker " + start.workerId() + ": channel failed: " + e);
            return FAILURE_STATUS;
        }
    }

    /**
     * The default serializer is taken directly: {@code Serializers.get} would run the ServiceLoader and initialise
     * every registered serializer (Kryo's classes cost tens of milliseconds of worker start-up).
     */

    private boolean runInitializer(MessageChannel channel, Serializer serializer) throws IOException {
        if (start.initializer() == null) {
            return true;
        }
        try {
            SerializableRunnable init = (SerializableRunnable) serializer.deserialize(start.initializer());
            init.run();
            return true;
        } catch (Throwable failure) {
            // CPython logs "Exception in initializer:" at CRITICAL in the worker; we have no logging here, so the
            // parent logs it (with this trace) and marks the pool broken.
            WireBuffer out = channel.startMessage().writeByte(Wire.INIT_FAILED);
            Wire.writeFailure(out, failure, serializer);
            channel.send();
            return false;
        }
    }

    /** The loop proper: one call at a time, in arrival order. */
    static final class CallLoop {
        private final MessageChannel channel;
        private final Serializer serializer;
        private final int maxTasks;
        private final FunctionTable functions = new FunctionTable();
        private int tasksDone;

        CallLoop(MessageChannel channel, Serializer serializer, int maxTasks) {
            this.channel = channel;
            this.serializer = serializer;
            this.maxTasks = maxTasks;
        }

        int run() throws IOException {
            while (true) {
                WireReader in = channel.receive();
                int tag = in.readByte();
                if (tag == Wire.EXIT) {
                    channel.startMessage().writeByte(Wire.BYE).writeLong(ProcessHandle.current().pid());
                    channel.send();
                    return 0;
                }
                if (tag != Wire.CALL) {
                    return fatal(new IllegalArgumentException("unexpected pool message tag " + tag));
                }
                long workId = in.readLong();
                int shape = in.readByte();
                Object[] decoded;
                try {
                    decoded = decode(shape, in);
                } catch (Throwable undecodable) {
                    return fatal(new IllegalStateException("worker " + ProcessHandle.current().pid()
                            + " cannot deserialize call #" + workId + ": " + undecodable, undecodable));
                }
                tasksDone++;
                boolean retiring = maxTasks > 0 && tasksDone >= maxTasks;
                if (shape == Wire.SHAPE_CHUNK1 || shape == Wire.SHAPE_CHUNK2) {
                    runChunk(workId, shape, decoded, retiring);
                } else {
                    runCall(workId, shape, decoded, retiring);
                }
                decoded = null; // drop the call's references before blocking for the next (test_ressources_gced)
                if (retiring) {
                    return 0;
                }
            }
        }

        private int fatal(Throwable failure) throws IOException {
            WireBuffer out = channel.startMessage().writeByte(Wire.FATAL);
            Wire.writeFailure(out, failure, serializer);
            channel.send();
            System.err.println("pyconcurrent pool worker: " + failure);
            return FAILURE_STATUS;
        }

        /** Returns {fn, args...} for a call, or {fn, argsArray(, secondArgsArray)} for a chunk. */
        private Object[] decode(int shape, WireReader in) {
            switch (shape) {
                case Wire.SHAPE_CALLABLE:
                    return new Object[] {Wire.readValue(in, serializer)};
                case Wire.SHAPE_FUNCTION:
                    return new Object[] {functions.readRef(in, serializer), Wire.readValue(in, serializer)};
                case Wire.SHAPE_BIFUNCTION:
                    return new Object[] {functions.readRef(in, serializer), Wire.readValue(in, serializer),
                        Wire.readValue(in, serializer)};
                case Wire.SHAPE_CHUNK1:
                case Wire.SHAPE_CHUNK2: {
                    Object fn = functions.readRef(in, serializer);
                    int n = in.readInt();
                    Object[] firsts = new Object[n];
                    Object[] seconds = shape == Wire.SHAPE_CHUNK2 ? new Object[n] : null;
                    for (int i = 0; i < n; i++) {
                        firsts[i] = Wire.readValue(in, serializer);
                        if (seconds != null) {
                            seconds[i] = Wire.readValue(in, serializer);
                        }
                    }
                    return new Object[] {fn, firsts, seconds};
                }
                default:
                    throw new IllegalArgumentException("unknown call shape " + shape);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static Object invoke(int shape, Object fn, Object a, Object b) throws Exception {
            switch (shape) {
                case Wire.SHAPE_CALLABLE:
                    return ((SerializableCallable) fn).call();
                case Wire.SHAPE_FUNCTION:
                case Wire.SHAPE_CHUNK1:
                    return ((SerializableFunction) fn).apply(a);
                default:
                    return ((SerializableBiFunction) fn).apply(a, b);
            }
        }

        private void runCall(long workId, int shape, Object[] call, boolean retiring) throws IOException {
            Object result;
            Throwable failure = null;
            try {
                result = invoke(shape, call[0], call.length > 1 ? call[1] : null, call.length > 2 ? call[2] : null);
            } catch (Throwable t) {
                result = null;
                failure = t;
            }
            WireBuffer out = channel.startMessage();
            if (failure == null) {
                try {
                    out.writeByte(Wire.RESULT).writeLong(workId).writeByte(retiring ? 1 : 0);
                    Wire.writeValue(out, result, serializer);
                } catch (RuntimeException unserializable) {
                    failure = unserializable; // CPython's _sendback_result: ship the pickling error instead
                    out = channel.startMessage();
                }
            }
            if (failure != null) {
                out.writeByte(Wire.ERROR).writeLong(workId).writeByte(retiring ? 1 : 0);
                Wire.writeFailure(out, failure, serializer);
            }
            channel.send();
        }

        private void runChunk(long workId, int shape, Object[] chunk, boolean retiring) throws IOException {
            Object fn = chunk[0];
            Object[] firsts = (Object[]) chunk[1];
            Object[] seconds = (Object[]) chunk[2];
            WireBuffer out = channel.startMessage();
            out.writeByte(Wire.CHUNK).writeLong(workId).writeByte(retiring ? 1 : 0).writeInt(firsts.length);
            for (int i = 0; i < firsts.length; i++) {
                Throwable failure = null;
                Object result = null;
                try {
                    result = invoke(shape, fn, firsts[i], seconds == null ? null : seconds[i]);
                } catch (Throwable t) {
                    failure = t;
                }
                firsts[i] = null;
                if (failure == null) {
                    int mark = out.size();
                    try {
                        out.writeByte(0);
                        Wire.writeValue(out, result, serializer);
                        continue;
                    } catch (RuntimeException unserializable) {
                        failure = unserializable;
                        out.truncate(mark);
                    }
                }
                out.writeByte(1);
                Wire.writeFailure(out, failure, serializer);
            }
            channel.send();
        }
    }
}

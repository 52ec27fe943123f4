package dev.pyconcurrent.process.mppool;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.List;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.function.SerializableRunnable;
import dev.pyconcurrent.ipc.connection.Client;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.process.pool.worker.FunctionTable;
import dev.pyconcurrent.process.pool.worker.WorkerStart;
import dev.pyconcurrent.process.pool.worker.MessageChannel;
import dev.pyconcurrent.process.pool.worker.Wire;
import dev.pyconcurrent.process.pool.worker.WireBuffer;
import dev.pyconcurrent.process.pool.worker.WireReader;
import dev.pyconcurrent.process.spawn.ChildContext;
import dev.pyconcurrent.process.spawn.ChildEntryPoint;
import dev.pyconcurrent.process.spawn.ChildJvmLauncher;

/**
 * The program of one {@link ProcessPool} worker JVM ({@code PoolWorker-N}): connect back to the pool, run the
 * initializer, then run tasks one at a time until the exit sentinel, until {@code maxtasks} tasks ran, or until the
 * pool's socket closes.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: worker(inqueue, outqueue, initializer, initargs,
 * maxtasks, wrap_exception)}. As there: a task's exception travels back with its formatted stack trace (CPython's
 * {@code ExceptionWithTraceback}, which becomes the {@code RemoteTraceback} cause in the parent); a result that cannot
 * be serialized is replaced by a {@link MaybeEncodingException} naming the value and the reason, and the worker goes
 * on; each task's references are dropped before the next one is read; the worker leaves after {@code maxtasks}
 * tasks. Java differs:
 * <ul>
 *   <li>It talks to the pool over its own socket instead of reading the shared {@code _inqueue}: the parent-side
 *       {@code PoolWorker} thread takes tasks from the in-queue on its behalf (see {@link ProcessPool} for why).</li>
 *   <li>An initializer that raises is reported to the pool (INIT_FAILED, with its trace) before the worker exits with
 *       status 1; CPython's worker dies with the traceback on its stderr and the pool starts another, forever.</li>
 *   <li>A task that cannot be rebuilt here (a class missing in the worker, a corrupt message) fails that task with
 *       the reason instead of killing the worker.</li>
 *   <li>{@code System.exit} inside a task ends the JVM (in CPython {@code SystemExit} is an exception, and the
 *       worker's {@code except Exception} lets it end the worker too).</li>
 * </ul>
 * Start-up is paid by every worker: like the process pool's worker this class touches no logging framework, and its
 * spawn payload is plain {@code DataOutput} fields ({@link ChildJvmLauncher#dataPayload}).
 */
public final class PoolWorkerMain implements ChildEntryPoint {
    private static final long serialVersionUID = 1L;
    /** Exit status after a fatal error (cannot connect, initializer raised, the channel broke). */
    public static final int FAILURE_STATUS = 1;

    /** Where to connect, who this worker is, its serializer, initializer and task limit (0 = CPython's None). */
    private final WorkerStart start;

    PoolWorkerMain(String socketPath, long workerId, Serializer serializer, byte[] initializer, int maxTasks) {
        this.start = WorkerStart.of(socketPath, workerId, serializer, initializer, maxTasks);
    }

    private PoolWorkerMain(WorkerStart start) {
        this.start = start;
    }

    /** The spawn payload: plain fields, so the worker pays no {@code ObjectInputStream} before it connects. */
    byte[] toSpawnPayload() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            start.write(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return ChildJvmLauncher.dataPayload(PoolWorkerMain.class, bytes.toByteArray());
    }

    /**
     * Called by {@code ChildBootstrap} in the worker JVM for the payload of {@link #toSpawnPayload()}.
     *
     * @param in the payload's fields
     * @return the worker program
     * @throws IOException            if the payload is truncated
     * @throws ClassNotFoundException if a custom serializer's class is missing in the worker
     */
    public static ChildEntryPoint fromData(DataInput in) throws IOException, ClassNotFoundException {
        return new PoolWorkerMain(WorkerStart.read(in));
    }

    @Override
    public int runInChild(ChildContext context) {
        Serializer serializer = start.serializer();
        long pid = ProcessHandle.current().pid();
        MessageChannel channel;
        try {
            channel = new MessageChannel(Client.connect(UnixDomainSocketAddress.of(start.socketPath()), null, serializer));
            channel.startMessage().writeByte(PoolWire.HELLO).writeLong(start.workerId()).writeLong(pid);
            channel.send();
        } catch (IOException e) {
            System.err.println("pyconcurrent PoolWorker " + start.workerId() + ": cannot connect to the pool: " + e);
            return FAILURE_STATUS;
        }
        try (channel) {
            if (!runInitializer(channel, serializer)) {
                return FAILURE_STATUS;
            }
            channel.startMessage().writeByte(PoolWire.READY).writeLong(pid);
            channel.send();
            return taskLoop(channel, serializer, pid);
        } catch (EOFException poolGone) {
            return 0; // CPython: "worker got EOFError or OSError -- exiting"
        } catch (IOException e) {
            System.err.println("pyconcurrent PoolWorker " + start.workerId() + ": channel failed: " + e);
            return FAILURE_STATUS;
        }
    }


    private boolean runInitializer(MessageChannel channel, Serializer serializer) throws IOException {
        if (start.initializer() == null) {
            return true;
        }
        try {
            ((SerializableRunnable) serializer.deserialize(start.initializer())).run();
            return true;
        } catch (Throwable failure) {
            WireBuffer out = channel.startMessage().writeByte(PoolWire.INIT_FAILED);
            Wire.writeFailure(out, failure, serializer);
            channel.send();
            return false;
        }
    }

    /**
     * CPython's {@code while maxtasks is None or completed < maxtasks} loop. Goals: one task at a time, in arrival
     * order; every task gets exactly one answer (result, failure or encoding error); nothing of a finished task stays
     * referenced while the next one is awaited.
     */
    private int taskLoop(MessageChannel channel, Serializer serializer, long pid) throws IOException {
        FunctionTable functions = new FunctionTable();
        int completed = 0;
        while (start.maxTasks() == 0 || completed < start.maxTasks()) {
            WireReader in = channel.receive();
            int tag = in.readByte();
            if (tag == PoolWire.EXIT) {
                channel.startMessage().writeByte(PoolWire.BYE).writeLong(pid);
                channel.send();
                return 0;
            }
            if (tag != PoolWire.TASK) {
                System.err.println("pyconcurrent PoolWorker " + start.workerId() + ": unexpected message tag " + tag);
                return FAILURE_STATUS;
            }
            long job = in.readLong();
            int index = in.readInt();
            Object result = null;
            Throwable failure = null;
            try {
                result = run(PoolWire.readTask(in, job, index, functions, serializer));
            } catch (Throwable t) {
                failure = t; // raised by the task, or the task could not be rebuilt here
            }
            sendOutcome(channel, serializer, job, index, result, failure);
            result = null; // drop the task's references before blocking for the next (CPython issue 29861)
            failure = null;
            completed++;
        }
        return 0; // CPython: "worker exiting after %d tasks"; the parent counted too and sends nothing more
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object run(PoolWire.Decoded task) throws Exception {
        switch (task.shape()) {
            case PoolWire.SHAPE_CALL:
                return ((SerializableCallable) task.fn()).call();
            case PoolWire.SHAPE_APPLY:
                return ((SerializableFunction) task.fn()).apply(task.arg());
            default: { // mapstar
                SerializableFunction fn = (SerializableFunction) task.fn();
                List<Object> out = new ArrayList<>(task.chunk().size());
                for (Object a : task.chunk()) {
                    out.add(fn.apply(a));
                }
                return out;
            }
        }
    }

    private static void sendOutcome(MessageChannel channel, Serializer serializer, long job, int index,
                                    Object result, Throwable failure) throws IOException {
        WireBuffer out = channel.startMessage();
        if (failure == null) {
            try {
                out.writeByte(PoolWire.RESULT).writeLong(job).writeInt(index);
                Wire.writeValue(out, result, serializer);
                channel.send();
                return;
            } catch (RuntimeException unserializable) {
                // CPython: put() failed, so send (False, MaybeEncodingError(e, value)) instead.
                out = channel.startMessage();
                out.writeByte(PoolWire.ENCODING).writeLong(job).writeInt(index);
                out.writeString(unserializable.toString()).writeString(safeRepr(result));
                channel.send();
                return;
            }
        }
        out.writeByte(PoolWire.ERROR).writeLong(job).writeInt(index);
        Wire.writeFailure(out, failure, serializer);
        channel.send();
    }

    /** {@code repr(value)}; a {@code toString} that throws must not cost the answer. */
    private static String safeRepr(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<" + value.getClass().getName() + " whose toString() raised " + e + ">";
        }
    }



}

package dev.pyconcurrent.process.pool.worker;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;

import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import dev.pyconcurrent.process.spawn.PayloadFields;

/**
 * What every pool worker JVM is started with: where to connect, who it is, how to (de)serialize, its initializer and
 * its task limit. Written into a spawn <em>data payload</em> by the pool and read back by the worker's program, for
 * both pools ({@code ProcessPoolExecutor}'s {@code WorkerMain} and {@code multiprocessing.Pool}'s
 * {@code PoolWorkerMain}).
 *
 * <p>CPython counterpart: the arguments of {@code _process_worker(call_queue, result_queue, initializer, initargs,
 * max_tasks)} and of {@code pool.worker(inqueue, outqueue, initializer, initargs, maxtasks)}, which CPython pickles
 * into the spawned process. Here they are plain {@code DataOutput} fields (see {@link PayloadFields}), so a worker
 * opens no {@code ObjectInputStream} on its way to the first call.
 *
 * @param socketPath         the Unix socket the worker connects back to
 * @param workerId           the pool's number for this worker (sent in its HELLO)
 * @param serializerName     the pool serializer's registered name
 * @param serializerInstance the serializer itself when it must travel (a custom one), else null
 * @param initializer        the initializer serialized with the pool's serializer, or null
 * @param maxTasks           calls before the worker retires; 0 = unlimited
 */
public record WorkerStart(String socketPath, long workerId, String serializerName, Serializer serializerInstance,
                          byte[] initializer, int maxTasks) implements Serializable {
    private static final long serialVersionUID = 1L;

    public WorkerStart {
        Objects.requireNonNull(socketPath, "socketPath");
        Objects.requireNonNull(serializerName, "serializerName");
    }

    /** The start data for {@code serializer}: it travels as an instance only if it is neither standard nor named. */
    public static WorkerStart of(String socketPath, long workerId, Serializer serializer, byte[] initializer,
                                 int maxTasks) {
        boolean standard = serializer == Serializers.trustedPeerSerializer()
                || serializer == Serializers.defaultSerializer();
        Serializer instance = !standard && serializer instanceof Serializable ? serializer : null;
        return new WorkerStart(socketPath, workerId, serializer.name(), instance, initializer, maxTasks);
    }

    /** Writes the fields in the order {@link #read} reads them. */
    public void write(DataOutput out) throws IOException {
        out.writeUTF(socketPath);
        out.writeLong(workerId);
        out.writeUTF(serializerName);
        PayloadFields.writeBytes(out, PayloadFields.serializerInstance(serializerInstance));
        PayloadFields.writeBytes(out, initializer);
        out.writeInt(maxTasks);
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @throws ClassNotFoundException if a custom serializer's class is missing in this JVM
     */
    public static WorkerStart read(DataInput in) throws IOException, ClassNotFoundException {
        String socketPath = in.readUTF();
        long workerId = in.readLong();
        String serializerName = in.readUTF();
        Serializer instance = PayloadFields.readSerializerInstance(PayloadFields.readBytes(in));
        byte[] initializer = PayloadFields.readBytes(in);
        int maxTasks = in.readInt();
        return new WorkerStart(socketPath, workerId, serializerName, instance, initializer, maxTasks);
    }

    /** The serializer the worker uses: the instance that travelled, else the one registered under the name. */
    public Serializer serializer() {
        return serializerInstance != null ? serializerInstance : PayloadFields.serializerNamed(serializerName);
    }
}

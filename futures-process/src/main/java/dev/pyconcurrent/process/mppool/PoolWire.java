package dev.pyconcurrent.process.mppool;

import java.util.ArrayList;
import java.util.List;

import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.process.pool.worker.FunctionTable;
import dev.pyconcurrent.process.pool.worker.Wire;
import dev.pyconcurrent.process.pool.worker.WireBuffer;
import dev.pyconcurrent.process.pool.worker.WireReader;

/**
 * The messages between a {@link ProcessPool} and one of its worker JVMs: one message per {@code Connection} frame, a
 * tag byte first. Values, failures and function references are written with the process pool's
 * {@link Wire} and {@link FunctionTable} (plain values directly, other objects with the pool's serializer, a shared
 * function once per worker).
 *
 * <p>CPython counterpart: the pickled {@code (job, i, func, args, kwds)} task on {@code _inqueue}, the
 * {@code (job, i, (ok, value))} result on {@code _outqueue} and the {@code None} sentinel of
 * {@code Lib/multiprocessing/pool.py}.
 * <pre>
 * parent → worker
 *   TASK     'T' job:long index:int shape:byte body
 *              CALL  body = callable:value
 *              APPLY body = fnRef arg:value
 *              CHUNK body = fnRef n:int n × arg:value          (mapstar: the result is a list)
 *   EXIT     'X'                                               CPython's None sentinel
 * worker → parent
 *   HELLO    'H' workerId:long pid:long                        first message after connecting
 *   READY    'R' pid:long                                      the initializer (if any) returned
 *   INIT_FAILED 'I' failure                                    the initializer raised; the worker exits
 *   RESULT   'O' job:long index:int value                      (True, value)
 *   ERROR    'E' job:long index:int failure                    (False, exc) with its remote trace
 *   ENCODING 'M' job:long index:int excRepr:string valueRepr:string   (False, MaybeEncodingError)
 *   BYE      'B' pid:long                                      answer to EXIT
 * </pre>
 */
final class PoolWire {
    static final byte TASK = 'T';
    static final byte EXIT = 'X';
    static final byte HELLO = Wire.HELLO;
    static final byte READY = 'R';
    static final byte INIT_FAILED = 'I';
    static final byte RESULT = 'O';
    static final byte ERROR = 'E';
    static final byte ENCODING = 'M';
    static final byte BYE = 'B';

    static final byte SHAPE_CALL = 1;
    static final byte SHAPE_APPLY = 2;
    static final byte SHAPE_CHUNK = 3;

    private PoolWire() {
    }

    /**
     * Parent side: writes {@code task} as one TASK message.
     *
     * @throws dev.pyconcurrent.ipc.serialization.SerializationException if the function or an argument cannot be
     *         serialized; the buffer then holds a partial message and must be reset (the function table is unchanged)
     */
    static void writeTask(WireBuffer out, PoolTask task, FunctionTable functions, Serializer serializer) {
        out.writeByte(TASK).writeLong(task.job()).writeInt(task.index());
        switch (task.kind()) {
            case CALL:
                out.writeByte(SHAPE_CALL);
                Wire.writeValue(out, task.fn(), serializer);
                break;
            case APPLY:
                out.writeByte(SHAPE_APPLY);
                functions.writeRef(out, task.fn(), serializer);
                Wire.writeValue(out, task.arg(), serializer);
                break;
            case CHUNK: {
                out.writeByte(SHAPE_CHUNK);
                functions.writeRef(out, task.fn(), serializer);
                List<?> chunk = (List<?>) task.arg();
                out.writeInt(chunk.size());
                for (Object a : chunk) {
                    Wire.writeValue(out, a, serializer);
                }
                break;
            }
            default:
                throw new IllegalArgumentException("a " + task.kind() + " task never travels to a worker");
        }
    }

    /** A TASK as the worker decoded it: {@code fn} and its input ({@code arg}, or {@code chunk} for CHUNK). */
    record Decoded(long job, int index, int shape, Object fn, Object arg, List<Object> chunk) {
    }

    /**
     * Worker side: reads the body of a TASK whose tag was already read.
     *
     * @throws RuntimeException if the function or an argument cannot be rebuilt (a class missing in the worker,
     *         a corrupt message)
     */
    static Decoded readTask(WireReader in, long job, int index, FunctionTable functions, Serializer serializer) {
        int shape = in.readByte();
        switch (shape) {
            case SHAPE_CALL:
                return new Decoded(job, index, shape, Wire.readValue(in, serializer), null, null);
            case SHAPE_APPLY: {
                Object fn = functions.readRef(in, serializer);
                return new Decoded(job, index, shape, fn, Wire.readValue(in, serializer), null);
            }
            case SHAPE_CHUNK: {
                Object fn = functions.readRef(in, serializer);
                int n = in.readInt();
                if (n < 0) {
                    throw new IllegalArgumentException("negative chunk length " + n + " in a pool message");
                }
                List<Object> chunk = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    chunk.add(Wire.readValue(in, serializer));
                }
                return new Decoded(job, index, shape, fn, null, chunk);
            }
            default:
                throw new IllegalArgumentException("unknown task shape " + shape + " in a pool message");
        }
    }
}

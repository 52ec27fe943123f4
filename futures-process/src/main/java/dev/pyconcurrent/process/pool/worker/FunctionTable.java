package dev.pyconcurrent.process.pool.worker;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

import dev.pyconcurrent.ipc.serialization.Serializer;

/**
 * "Send the function once per worker, then refer to it by number": both halves of the cache, one instance per
 * worker on each side of its channel.
 *
 * <p>CPython counterpart: none; CPython pickles {@code fn} into every {@code _CallItem} (for a module-level function
 * pickle writes only its qualified name, so it is cheap there). A serializable Java lambda is a
 * {@code SerializedLambda} of several hundred bytes that costs ~15 µs to rebuild, so re-sending it per call would
 * dominate tiny tasks.
 *
 * <p>The sender keys functions by identity (the same {@code fn} object, as passed to {@code submit(fn, arg)} and
 * {@code map}); zero-argument callables are never cached because each carries its own captured state. At most
 * {@link #CAPACITY} functions are remembered: the define that would exceed it tells the receiver to forget
 * everything first, so both tables stay in step without a separate message. Ids are never reused. Not
 * thread-safe: each half is used by one thread.
 */
public final class FunctionTable {
    /** Functions remembered per worker. */
    public static final int CAPACITY = 64;

    private final Map<Object, Integer> idsByFunction = new IdentityHashMap<>();
    private final Map<Integer, Object> functionsById = new HashMap<>();
    private int nextId;

    /** Sender half: writes a reference to {@code fn}, defining it first if this worker has not seen it. */
    public void writeRef(WireBuffer out, Object fn, Serializer serializer) {
        Integer known = idsByFunction.get(fn);
        if (known != null) {
            out.writeInt(known).writeByte(0);
            return;
        }
        boolean reset = idsByFunction.size() >= CAPACITY;
        int id = nextId++;
        out.writeInt(id).writeByte(1).writeByte(reset ? 1 : 0);
        Wire.writeValue(out, fn, serializer); // may throw: then nothing below happens and no state changed
        if (reset) {
            idsByFunction.clear();
        }
        idsByFunction.put(fn, id);
    }

    /** Receiver half: reads a reference written by {@link #writeRef}, learning the function if it is defined here. */
    public Object readRef(WireReader in, Serializer serializer) {
        int id = in.readInt();
        if (in.readByte() == 0) {
            Object fn = functionsById.get(id);
            if (fn == null) {
                throw new IllegalArgumentException("pool message refers to unknown function #" + id);
            }
            return fn;
        }
        boolean reset = in.readByte() != 0;
        Object fn = Wire.readValue(in, serializer);
        if (reset) {
            functionsById.clear();
        }
        functionsById.put(id, fn);
        return fn;
    }
}

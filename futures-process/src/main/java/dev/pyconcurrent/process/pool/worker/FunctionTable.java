package dev.pyconcurrent.process.pool.worker;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
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
 * {@code map}) and holds them <em>weakly</em>, so the cache never keeps a function (or what it captured) alive
 * (CPython's {@code test_no_stale_references}); zero-argument callables are never cached because each carries its
 * own captured state. After {@link #CAPACITY} definitions the next one tells the receiver to forget everything
 * first, so both tables stay bounded and in step without a separate message. Ids are never reused. Not
 * thread-safe: each half is used by one thread.
 */
public final class FunctionTable {
    /** Functions remembered per worker. */
    public static final int CAPACITY = 64;

    private final Map<IdentityKey, Integer> idsByFunction = new HashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final Map<Integer, Object> functionsById = new HashMap<>();
    private int nextId;
    private int definedSinceReset;

    /** A weak reference compared by the identity of its referent. */
    private static final class IdentityKey extends WeakReference<Object> {
        private final int hash;

        IdentityKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof IdentityKey)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ((IdentityKey) other).get();
        }
    }

    /** Sender half: writes a reference to {@code fn}, defining it first if this worker has not seen it. */
    public void writeRef(WireBuffer out, Object fn, Serializer serializer) {
        for (Object gone = collected.poll(); gone != null; gone = collected.poll()) {
            idsByFunction.remove(gone); // a collected key equals only itself
        }
        Integer known = idsByFunction.get(new IdentityKey(fn, null));
        if (known != null) {
            out.writeInt(known).writeByte(0);
            return;
        }
        boolean reset = definedSinceReset >= CAPACITY;
        int id = nextId;
        out.writeInt(id).writeByte(1).writeByte(reset ? 1 : 0);
        Wire.writeValue(out, fn, serializer); // may throw: then nothing below happens and no state changed
        nextId++;
        if (reset) {
            idsByFunction.clear();
            definedSinceReset = 0;
        }
        definedSinceReset++;
        idsByFunction.put(new IdentityKey(fn, collected), id);
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

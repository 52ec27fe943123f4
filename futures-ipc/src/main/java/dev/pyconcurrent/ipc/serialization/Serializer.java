package dev.pyconcurrent.ipc.serialization;

/**
 * Turns objects into bytes and back: the pluggable "pickle" of this library. A
 * {@link dev.pyconcurrent.ipc.connection.Connection} uses one to implement {@code send(obj)} /
 * {@code recv()}; queues and executors built on connections serialize on the caller's thread with
 * {@link #serialize(Object)} and ship the bytes with {@code Connection.sendBytes}, so a failure is
 * reported to the caller before anything reaches the wire.
 *
 * <p>Implementations are discovered with {@link java.util.ServiceLoader} (file
 * {@code META-INF/services/dev.pyconcurrent.ipc.serialization.Serializer}) and looked up by
 * {@link #name()} through {@link Serializers}. Both ends of a connection must use the same
 * serializer; nothing on the wire says which one produced the bytes (as in CPython, where both
 * ends assume pickle).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/reduction.py: ForkingPickler.dumps / loads}
 * (used by {@code Connection.send / recv}). Java differs in that the serializer is a per-connection
 * choice rather than a process-wide registry of reducers, and the default one refuses classes that
 * are not on an allow-list (pickle has no such guard).
 *
 * <p>Implementations must be thread-safe: one instance is shared by every connection that uses it.
 */
public interface Serializer {

    /** A short stable name, e.g. {@code "jdk"} or {@code "kryo"}; used for lookup and in errors. */
    String name();

    /**
     * Serializes {@code value} (which may be {@code null}) into a new array.
     *
     * @throws SerializationException if the object graph cannot be serialized; the message names
     *         the offending class
     */
    byte[] serialize(Object value);

    /**
     * Rebuilds an object from {@code length} bytes of {@code bytes} starting at {@code offset}.
     * The serializer must not keep a reference to {@code bytes}: the caller may reuse it.
     *
     * @throws SerializationException if the bytes are malformed or name a class this serializer
     *         refuses to create
     */
    Object deserialize(byte[] bytes, int offset, int length);

    /** Same as {@code deserialize(bytes, 0, bytes.length)}. */
    default Object deserialize(byte[] bytes) {
        return deserialize(bytes, 0, bytes.length);
    }
}

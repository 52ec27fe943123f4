package dev.pyconcurrent.process.spawn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;

/**
 * Helpers for the fields of a {@link ChildJvmLauncher#dataPayload data payload}, shared by the worker programs of
 * both process pools ({@code ProcessPoolExecutor}'s and {@code multiprocessing.Pool}'s).
 *
 * <p>CPython counterpart: none (CPython pickles its preparation data). A data payload exists so that a worker's start
 * path opens no {@code ObjectInputStream} (its first use costs tens of milliseconds; see the module README): only an
 * optional custom serializer instance is Java-serialized, and a worker decodes it only if one was sent.
 */
public final class PayloadFields {
    private PayloadFields() {
    }

    /** Writes a length-prefixed byte array; {@code null} is written as length −1. */
    public static void writeBytes(DataOutput out, byte[] value) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    /** Reads what {@link #writeBytes} wrote. */
    public static byte[] readBytes(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] value = new byte[n];
        in.readFully(value);
        return value;
    }

    /**
     * The bytes a worker needs to rebuild {@code serializer}: null for the two standard JDK serializers and for any
     * serializer the worker can look up by name, else its Java serialization (so it must be {@link java.io.Serializable}).
     */
    public static byte[] serializerInstance(Serializer serializer) throws IOException {
        if (serializer == null || !(serializer instanceof java.io.Serializable)
                || serializer == Serializers.trustedPeerSerializer() || serializer == Serializers.defaultSerializer()) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(serializer);
        }
        return bytes.toByteArray();
    }

    /** Rebuilds what {@link #serializerInstance} wrote; null stays null. */
    public static Serializer readSerializerInstance(byte[] instance) throws IOException, ClassNotFoundException {
        if (instance == null) {
            return null;
        }
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(instance))) {
            return (Serializer) objects.readObject();
        }
    }

    /**
     * The serializer registered under {@code name}; the two standard ones are taken directly ({@code Serializers.get}
     * would initialise every registered serializer, Kryo's classes included: tens of milliseconds of worker start-up).
     */
    public static Serializer serializerNamed(String name) {
        for (Serializer standard : new Serializer[] {Serializers.trustedPeerSerializer(),
            Serializers.defaultSerializer()}) {
            if (standard.name().equals(name)) {
                return standard;
            }
        }
        return Serializers.get(name);
    }
}

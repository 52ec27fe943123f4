package dev.pyconcurrent.ipc.testing;

import dev.pyconcurrent.ipc.serialization.Serializers;
import java.util.Base64;

/** Passes shared objects through a text channel (a child's stdout) as base64 serialized handles. */
public final class Handles {
    private Handles() {
    }

    public static String encode(Object o) {
        return Base64.getEncoder().encodeToString(Serializers.defaultSerializer().serialize(o));
    }

    @SuppressWarnings("unchecked")
    public static <T> T decode(String line) {
        return (T) Serializers.defaultSerializer().deserialize(Base64.getDecoder().decode(line));
    }
}

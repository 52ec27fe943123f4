package dev.pyconcurrent.ipc.serialization.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.pyconcurrent.ipc.serialization.jdk.JdkSerializer;

/**
 * Embeds an object's filtered JDK serialization in a Kryo stream (length-prefixed). Used for
 * throwables, whose private fields Kryo cannot reach on JDK 17 without {@code --add-opens}; unlike
 * Kryo's own {@code JavaSerializer} it applies the allow-list when reading.
 */
final class JdkFallbackSerializer extends com.esotericsoftware.kryo.Serializer<Object> {
    private final JdkSerializer jdk;

    JdkFallbackSerializer(JdkSerializer jdk) {
        this.jdk = jdk;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
        byte[] bytes = jdk.serialize(object);
        output.writeVarInt(bytes.length, true);
        output.writeBytes(bytes);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
        int length = input.readVarInt(true);
        return jdk.deserialize(input.readBytes(length), 0, length);
    }
}

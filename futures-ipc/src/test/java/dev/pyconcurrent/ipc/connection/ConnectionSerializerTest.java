package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * Serializers as seen through a {@link Connection}: a failure to serialize writes nothing and
 * leaves the connection usable; a refused class on receipt consumes exactly one message.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionSerializerTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void unserializableObjectFailsBeforeAnythingIsWrittenAndTheConnectionStaysUsable(String name) throws Exception {
        try (Pipe p = Pipe.open(true, Serializers.get(name))) {
            Callable<Integer> plain = () -> 1;
            assertThrows(SerializationException.class, () -> p.first().send(plain));
            assertFalse(p.second().poll(), "nothing reached the wire");
            assertTrue(p.first().isWritable());
            p.first().send("fine");
            assertEquals("fine", p.second().recv());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void serializableLambdaTravelsOverTheConnection(String name) throws Exception {
        try (Pipe p = Pipe.open(true, Serializers.get(name))) {
            int base = 40;
            p.first().send((SerializableCallable<Integer>) () -> base + 2);
            assertEquals(42, ((Callable<?>) p.second().recv()).call());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void refusedClassConsumesOneMessageAndTheNextStillArrives(String name) throws Exception {
        try (Pipe p = Pipe.open(true, Serializers.get(name))) {
            p.first().send(URI.create("http://example.com"));
            p.first().send("next");
            assertThrows(SerializationException.class, () -> p.second().recv());
            assertEquals("next", p.second().recv());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "kryo"})
    void serializeThenSendBytesIsTheSameAsSend(String name) throws Exception {
        try (Pipe p = Pipe.open(true, Serializers.get(name))) {
            byte[] bytes = p.first().serializer().serialize(12345L);
            p.first().sendBytes(bytes);
            assertEquals(12345L, p.second().recv());
        }
    }
}

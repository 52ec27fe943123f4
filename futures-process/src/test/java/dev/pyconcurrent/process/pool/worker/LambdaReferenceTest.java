package dev.pyconcurrent.process.pool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;

/**
 * Specs of {@link LambdaReference}: serializable lambdas travel between pool and worker as references (the names
 * of their code plus their captured values), as pickle sends a function by its qualified name. No CPython test
 * corresponds; the pool-level behaviour stays covered by the executor tests.
 */
class LambdaReferenceTest {
    private static final Serializer TRUSTED = Serializers.trustedPeerSerializer();

    @Test
    void nonCapturingLambdaTravelsByReferenceAndStillWorks() throws Exception {
        SerializableFunction<Integer, Integer> square = x -> x * x;

        byte[] bytes = write(square, TRUSTED);

        assertEquals(Wire.T_LAMBDA, bytes[0]);
        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, Integer> rebuilt = (SerializableFunction<Integer, Integer>) read(bytes, TRUSTED);
        assertEquals(49, rebuilt.apply(7));
    }

    @Test
    void capturedValuesTravelWithTheReference() throws Exception {
        int offset = 5;
        String label = "n=";
        List<String> suffixes = List.of("!", "?");
        SerializableFunction<Integer, String> fn = x -> label + (x + offset) + suffixes.get(1);

        @SuppressWarnings("unchecked")
        SerializableFunction<Integer, String> rebuilt = (SerializableFunction<Integer, String>) read(write(fn, TRUSTED),
                TRUSTED);

        assertEquals("n=6?", rebuilt.apply(1));
    }

    @Test
    void methodReferenceTravelsByReference() throws Exception {
        SerializableFunction<String, Integer> length = String::length;

        byte[] bytes = write(length, TRUSTED);

        assertEquals(Wire.T_LAMBDA, bytes[0]);
        @SuppressWarnings("unchecked")
        SerializableFunction<String, Integer> rebuilt = (SerializableFunction<String, Integer>) read(bytes, TRUSTED);
        assertEquals(4, rebuilt.apply("four"));
    }

    @Test
    void lambdaCapturingAnotherLambdaNestsReferences() throws Exception {
        SerializableBiFunction<Integer, Integer, Integer> add = Integer::sum;
        SerializableCallable<Integer> call = () -> add.apply(40, 2);

        SerializableCallable<?> rebuilt = (SerializableCallable<?>) read(write(call, TRUSTED), TRUSTED);

        assertEquals(42, rebuilt.call());
    }

    @Test
    void anyOtherSerializerSeesTheLambdaAsAnObject() {
        SerializableFunction<Integer, Integer> square = x -> x * x;

        byte[] bytes = write(square, Serializers.defaultSerializer());

        assertEquals(Wire.T_OBJECT, bytes[0]);
    }

    @Test
    void referenceIsRefusedByAWorkerWithAnotherSerializer() {
        SerializableFunction<Integer, Integer> square = x -> x * x;
        byte[] bytes = write(square, TRUSTED);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bytes, Serializers.defaultSerializer()));
        assertTrue(e.getMessage().contains("refused by the jdk serializer"), e.getMessage());
    }

    @Test
    void objectsThatAreNotSerializableLambdasHaveNoReference() {
        Function<Integer, Integer> plain = x -> x;

        assertNull(LambdaReference.describe(plain));
        assertNull(LambdaReference.describe(List.of(1)));
        assertNull(LambdaReference.describe("text"));
    }

    @Test
    void missingCapturingClassFailsWithAClearMessage() {
        WireBuffer out = new WireBuffer();
        out.writeByte(Wire.T_LAMBDA).writeString("com.example.Gone")
                .writeString("dev/pyconcurrent/futures/function/SerializableFunction").writeString("apply")
                .writeString("(Ljava/lang/Object;)Ljava/lang/Object;").writeInt(6).writeString("com/example/Gone")
                .writeString("lambda$x$0").writeString("(Ljava/lang/Integer;)Ljava/lang/Integer;")
                .writeString("(Ljava/lang/Integer;)Ljava/lang/Integer;").writeInt(0);
        byte[] bytes = java.util.Arrays.copyOf(out.array(), out.size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bytes, TRUSTED));
        assertTrue(e.getMessage().contains("com.example.Gone is not on this JVM's class path"), e.getMessage());
    }

    @Test
    void corruptCapturedCountIsRejected() {
        WireBuffer out = new WireBuffer();
        out.writeByte(Wire.T_LAMBDA);
        for (int i = 0; i < 4; i++) {
            out.writeString("x");
        }
        out.writeInt(6);
        for (int i = 0; i < 4; i++) {
            out.writeString("x");
        }
        out.writeInt(-3);
        byte[] bytes = java.util.Arrays.copyOf(out.array(), out.size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(bytes, TRUSTED));
        assertTrue(e.getMessage().contains("-3 captured values"), e.getMessage());
    }

    private static byte[] write(Object value, Serializer serializer) {
        WireBuffer out = new WireBuffer();
        Wire.writeValue(out, value, serializer);
        return java.util.Arrays.copyOf(out.array(), out.size());
    }

    private static Object read(byte[] bytes, Serializer serializer) {
        return Wire.readValue(new WireReader().reset(bytes, bytes.length), serializer);
    }
}

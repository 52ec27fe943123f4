package dev.pyconcurrent.ipc.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.serialization.jdk.JdkSerializer;
import dev.pyconcurrent.ipc.serialization.kryo.KryoSerializer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The allow-list and limits of {@link DeserializationFilter}, and the ServiceLoader registry.
 * No CPython counterpart (pickle has no filter).
 */
class DeserializationFilterTest {

    @Test
    void widenedAllowListLetsTheClassThrough() {
        JdkSerializer wide = new JdkSerializer(DeserializationFilter.defaults().allow("java.net.URI"));
        URI uri = URI.create("http://example.com");
        assertEquals(uri, wide.deserialize(wide.serialize(uri)));
        KryoSerializer kryo = new KryoSerializer(DeserializationFilter.defaults().allow("java.net.*"));
        assertEquals(uri, kryo.deserialize(kryo.serialize(uri)));
    }

    @Test
    void maxDepthRefusesDeeplyNestedGraphs() {
        List<Object> nested = new ArrayList<>();
        List<Object> cur = nested;
        for (int i = 0; i < 50; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        JdkSerializer shallow = new JdkSerializer(DeserializationFilter.defaults().withMaxDepth(10));
        byte[] bytes = shallow.serialize(nested);
        SerializationException e = assertThrows(SerializationException.class, () -> shallow.deserialize(bytes));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void maxArrayLengthRefusesLongArrays() {
        JdkSerializer small = new JdkSerializer(DeserializationFilter.defaults().withMaxArrayLength(100));
        byte[] bytes = small.serialize(new int[101]);
        assertThrows(SerializationException.class, () -> small.deserialize(bytes));
        assertEquals(100, ((int[]) small.deserialize(small.serialize(new int[100]))).length);
    }

    @Test
    void maxBytesRefusesLargeStreams() {
        JdkSerializer small = new JdkSerializer(DeserializationFilter.defaults().withMaxBytes(1000));
        byte[] bytes = small.serialize(new ArrayList<>(List.of("x".repeat(2000), 7)));  // checked at the Integer
        assertThrows(SerializationException.class, () -> small.deserialize(bytes));
    }

    @Test
    void arrayLongerThanItsMessageIsRefusedBeforeAllocation() throws Exception {
        // A hand-made stream announcing int[Integer.MAX_VALUE - 16] in a few bytes.
        ByteArrayOutputStream real = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(real)) {
            out.writeObject(new int[3]);
        }
        byte[] bytes = real.toByteArray();
        // The array length is the 4 bytes before the three zero ints at the end.
        int at = bytes.length - 12 - 4;
        ByteArrayOutputStream patched = new ByteArrayOutputStream();
        patched.write(bytes, 0, at);
        new DataOutputStream(patched).writeInt(Integer.MAX_VALUE - 16);
        patched.write(bytes, at + 4, 12);
        SerializationException e = assertThrows(SerializationException.class,
                () -> new JdkSerializer().deserialize(patched.toByteArray()));
        assertTrue(e.getMessage().contains("elements in a"), e.getMessage());
    }

    @Test
    void allowsClassFollowsPatternsAndArrayElementTypes() {
        DeserializationFilter f = DeserializationFilter.none().allow("java.lang.String");
        assertTrue(f.allowsClass(String.class));
        assertTrue(f.allowsClass(String[][].class));
        assertTrue(f.allowsClass(byte[].class));
        assertFalse(f.allowsClass(Integer.class));
        assertThrows(IllegalArgumentException.class, () -> f.allow("!java.*"));
    }

    @Test
    void serviceLoaderFindsEverySerializerByName() {
        assertEquals(List.of("jdk", "jdk-trusted", "kryo"), Serializers.names());
        assertTrue(Serializers.get("kryo") instanceof KryoSerializer);
        assertTrue(Serializers.defaultSerializer() instanceof JdkSerializer);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Serializers.get("pickle"));
        assertTrue(e.getMessage().contains("[jdk, jdk-trusted, kryo]"), e.getMessage());
    }

    @Test
    void trustedPeersAllowAClassOutsideTheDefaultAllowList() {
        assertFalse(DeserializationFilter.defaults().allowsClass(URI.class));
        assertTrue(DeserializationFilter.trustedPeers().allowsClass(URI.class));
        Serializer trusted = Serializers.trustedPeerSerializer();
        URI uri = URI.create("https://example.org/a");
        assertEquals(uri, trusted.deserialize(trusted.serialize(uri)));
    }

    @Test
    void trustedSerializerIsRegisteredByItsOwnName() {
        assertEquals(JdkSerializer.TRUSTED_NAME, Serializers.trustedPeerSerializer().name());
        assertTrue(Serializers.find(JdkSerializer.TRUSTED_NAME).isPresent());
        assertEquals(JdkSerializer.NAME, Serializers.defaultSerializer().name());
    }

    @Test
    void aWidenedFilterSurvivesSerializationWithItsRules() {
        DeserializationFilter widened = DeserializationFilter.defaults().allow("java.net.URI").withMaxDepth(7);
        JdkSerializer shipped = new JdkSerializer(widened);
        JdkSerializer arrived = (JdkSerializer) Serializers.trustedPeerSerializer().deserialize(
                Serializers.trustedPeerSerializer().serialize(shipped));
        assertEquals(widened.patterns(), arrived.filter().patterns());
        assertEquals(7, arrived.filter().maxDepth());
        assertTrue(arrived.filter().allowsClass(URI.class));
        assertEquals(JdkSerializer.NAME, arrived.name());
    }
}

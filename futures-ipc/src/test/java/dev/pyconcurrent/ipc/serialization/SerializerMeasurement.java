package dev.pyconcurrent.ipc.serialization;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.ipc.serialization.jdk.JdkSerializer;
import dev.pyconcurrent.ipc.serialization.kryo.KryoSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throwaway measurement behind the README table (a main, not a test; speed is never asserted):
 * serialize + deserialize time and serialized size, JDK vs Kryo, on the payloads this library
 * ships most. Run: {@code java -cp <test classpath> dev.pyconcurrent.ipc.serialization.SerializerMeasurement}.
 */
public final class SerializerMeasurement {
    private static volatile Object sink;

    public static void main(String[] args) {
        int base = 7;
        Map<String, Object> payloads = new LinkedHashMap<>();
        payloads.put("byte[64]", new byte[64]);
        payloads.put("record task", new SerializerContractTest.Task(17, "resize-image", List.of(640, 480, 90)));
        payloads.put("serializable lambda", (SerializableCallable<Integer>) () -> base * 6);
        payloads.put("byte[1 MiB]", new byte[1024 * 1024]);
        List<Serializer> serializers = List.of(new JdkSerializer(), new KryoSerializer());
        System.out.printf("%-20s %-5s %9s %14s%n", "payload", "ser", "bytes", "ser+deser (us)");
        for (Map.Entry<String, Object> p : payloads.entrySet()) {
            for (Serializer s : serializers) {
                int iterations = p.getKey().contains("MiB") ? 300 : 50_000;
                run(s, p.getValue(), iterations);          // warm-up
                double micros = run(s, p.getValue(), iterations);
                System.out.printf("%-20s %-5s %9d %14.2f%n", p.getKey(), s.name(),
                        s.serialize(p.getValue()).length, micros);
            }
        }
    }

    private static double run(Serializer s, Object value, int iterations) {
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            byte[] b = s.serialize(value);
            sink = s.deserialize(b, 0, b.length);
        }
        return (System.nanoTime() - t0) / 1000.0 / iterations;
    }
}

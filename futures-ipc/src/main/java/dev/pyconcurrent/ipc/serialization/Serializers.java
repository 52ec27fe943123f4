package dev.pyconcurrent.ipc.serialization;

import dev.pyconcurrent.ipc.serialization.jdk.JdkSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds {@link Serializer}s by name. Implementations are discovered once with
 * {@link ServiceLoader} from {@code META-INF/services/dev.pyconcurrent.ipc.serialization.Serializer};
 * this module registers {@code "jdk"} ({@link JdkSerializer}, the default) and {@code "kryo"}
 * ({@link dev.pyconcurrent.ipc.serialization.kryo.KryoSerializer}).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/reduction.py: ForkingPickler} (the one
 * process-wide pickler) and {@code multiprocessing.context.reducer}, the hook for replacing it.
 * Java differs in that several serializers coexist and each connection (later each queue and
 * executor) picks one by name or instance.
 */
public final class Serializers {
    private static final Serializer DEFAULT = new JdkSerializer();
    private static final Serializer TRUSTED = JdkSerializer.trustingPeers();
    private static volatile Map<String, Serializer> byName;

    private Serializers() {
    }

    /** JDK serialization behind {@link DeserializationFilter#defaults()}. */
    public static Serializer defaultSerializer() {
        return DEFAULT;
    }

    /**
     * JDK serialization behind {@link DeserializationFilter#trustedPeers()}, registered as
     * {@value JdkSerializer#TRUSTED_NAME}: the default of process pools, queues and {@code Pipe} ends, whose peers
     * this process spawned or authenticated (CPython's trust model; see {@link DeserializationFilter}).
     */
    public static Serializer trustedPeerSerializer() {
        return TRUSTED;
    }

    /** The serializer registered under {@code name}, if any. */
    public static Optional<Serializer> find(String name) {
        return Optional.ofNullable(registry().get(name));
    }

    /**
     * The serializer registered under {@code name}.
     *
     * @throws IllegalArgumentException naming the registered serializers, if there is none
     */
    public static Serializer get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "no serializer named '" + name + "'; registered: " + names()));
    }

    /** Names of every registered serializer, in discovery order. */
    public static List<String> names() {
        return List.copyOf(registry().keySet());
    }

    private static Map<String, Serializer> registry() {
        Map<String, Serializer> m = byName;
        if (m == null) {
            synchronized (Serializers.class) {
                m = byName;
                if (m == null) {
                    m = new LinkedHashMap<>();
                    m.put(DEFAULT.name(), DEFAULT);
                    m.put(TRUSTED.name(), TRUSTED);
                    for (Serializer s : ServiceLoader.load(Serializer.class, Serializers.class.getClassLoader())) {
                        m.putIfAbsent(s.name(), s);
                    }
                    byName = m;
                }
            }
        }
        return m;
    }
}

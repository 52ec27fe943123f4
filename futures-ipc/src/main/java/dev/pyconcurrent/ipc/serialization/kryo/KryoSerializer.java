package dev.pyconcurrent.ipc.serialization.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import dev.pyconcurrent.ipc.serialization.DeserializationFilter;
import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.jdk.JdkSerializer;
import java.util.Objects;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * A fast binary serializer built on Kryo 5: smaller and quicker than JDK serialization for small
 * objects (see the module README for measured numbers), selected by name {@code "kryo"}.
 *
 * <p>Configuration and why:
 * <ul>
 *   <li>Classes need not be registered (both ends are the same program, as with pickle), so class
 *       names travel in the stream. To keep that from being a deserialization hole, every class
 *       name read from the stream is checked against the same {@link DeserializationFilter}
 *       allow-list the JDK serializer uses, before Kryo creates anything of it.</li>
 *   <li>References are tracked, so shared and cyclic object graphs survive (as with pickle).</li>
 *   <li>Serializable lambdas and method references travel through Kryo's
 *       {@link ClosureSerializer} (their {@code SerializedLambda} form); a lambda whose target type
 *       is not serializable fails in {@link #serialize} with a {@link SerializationException}.</li>
 *   <li>Throwables, and serializable JDK classes Kryo has no serializer for (e.g.
 *       {@code java.net.URI}), whose private fields JDK 17 does not open to Kryo, fall back to
 *       filtered JDK serialization inside the Kryo stream.</li>
 *   <li>{@code List.of}/{@code Set.of}/{@code Map.of} use Kryo's immutable-collection serializers;
 *       records use Kryo's record support.</li>
 * </ul>
 * Kryo instances are not thread-safe, so each call borrows one (with its output buffer) from a
 * pool; the serializer itself is thread-safe.
 *
 * <p>CPython counterpart: none directly; it stands where {@code pickle} stands in
 * {@code Lib/multiprocessing/reduction.py}. Unlike pickle, it does not call
 * {@code writeObject}/{@code readObject} hooks of ordinary classes (it copies fields), except in the
 * JDK fallback.
 */
public final class KryoSerializer implements Serializer {
    public static final String NAME = "kryo";
    private static final int INITIAL_OUTPUT = 4096;
    /**
     * Stateless, so shared by every Kryo instance. Its constructor tries reflective access to
     * {@code SerializedLambda} internals, which JDK 17 refuses, and logs a warning with a stack
     * trace before using its documented fallback (resolving through the capturing class); that
     * expected warning is muted once here instead of on every Kryo instance.
     */
    private static final ClosureSerializer CLOSURES = quietly(ClosureSerializer::new);

    private final DeserializationFilter filter;
    private final JdkSerializer fallback;
    private final JdkFallbackSerializer jdkFallback;
    private final Pool<Kryo> kryos;
    private final Pool<Output> outputs;

    /** With {@link DeserializationFilter#defaults()}; used by {@link java.util.ServiceLoader}. */
    public KryoSerializer() {
        this(DeserializationFilter.defaults());
    }

    public KryoSerializer(DeserializationFilter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
        this.fallback = new JdkSerializer(filter);
        this.jdkFallback = new JdkFallbackSerializer(fallback);
        this.kryos = new Pool<>(true, true) {
            @Override
            protected Kryo create() {
                return newKryo();
            }
        };
        this.outputs = new Pool<>(true, true) {
            @Override
            protected Output create() {
                return new Output(INITIAL_OUTPUT, -1);
            }
        };
    }

    public DeserializationFilter filter() {
        return filter;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] serialize(Object value) {
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        try {
            output.reset();
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {                     // KryoException, InaccessibleObject, ...
            String cls = value == null ? null : value.getClass().getName();
            throw new SerializationException("cannot serialize an instance of " + cls + " with Kryo: "
                    + firstLine(e) + lambdaHint(cls), cls, e);
        } finally {
            if (output.getBuffer().length > 1024 * 1024) {
                output.setBuffer(new byte[INITIAL_OUTPUT], -1);   // do not pin a large buffer
            }
            outputs.free(output);
            kryos.free(kryo);
        }
    }

    @Override
    public Object deserialize(byte[] bytes, int offset, int length) {
        Kryo kryo = kryos.obtain();
        try {
            return kryo.readClassAndObject(new Input(bytes, offset, length));
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {                     // KryoException, buffer underflow, ...
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                if (root.getCause() instanceof SerializationException se) {
                    throw se;                              // the allow-list refused a class
                }
                root = root.getCause();
            }
            throw new SerializationException("cannot deserialize " + length + " bytes with Kryo: "
                    + firstLine(e), e);
        } finally {
            kryos.free(kryo);
        }
    }

    private Kryo newKryo() {
        Kryo kryo = new Kryo(new AllowListClassResolver(filter), new MapReferenceResolver()) {
            @Override
            @SuppressWarnings("rawtypes")                  // Kryo's signature takes a raw Class
            protected com.esotericsoftware.kryo.Serializer<?> newDefaultSerializer(Class type) {
                // JDK classes hide their fields from reflection (strong encapsulation, JDK 17):
                // Kryo's field-by-field default cannot work, their own serialization form can.
                if (type.getModule().isNamed() && java.io.Serializable.class.isAssignableFrom(type)) {
                    return jdkFallback;
                }
                return super.newDefaultSerializer(type);
            }
        };
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        if (filter.maxDepth() > 0) {
            kryo.setMaxDepth((int) Math.min(Integer.MAX_VALUE, filter.maxDepth()));
        }
        kryo.register(ClosureSerializer.Closure.class, CLOSURES);
        ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
        kryo.addDefaultSerializer(Throwable.class, jdkFallback);
        return kryo;
    }

    private static <T> T quietly(java.util.function.Supplier<T> create) {
        int level = com.esotericsoftware.minlog.Log.TRACE ? com.esotericsoftware.minlog.Log.LEVEL_TRACE
                : com.esotericsoftware.minlog.Log.DEBUG ? com.esotericsoftware.minlog.Log.LEVEL_DEBUG
                : com.esotericsoftware.minlog.Log.INFO ? com.esotericsoftware.minlog.Log.LEVEL_INFO
                : com.esotericsoftware.minlog.Log.WARN ? com.esotericsoftware.minlog.Log.LEVEL_WARN
                : com.esotericsoftware.minlog.Log.ERROR ? com.esotericsoftware.minlog.Log.LEVEL_ERROR
                : com.esotericsoftware.minlog.Log.LEVEL_NONE;
        com.esotericsoftware.minlog.Log.set(Math.max(level, com.esotericsoftware.minlog.Log.LEVEL_ERROR));
        try {
            return create.get();
        } finally {
            com.esotericsoftware.minlog.Log.set(level);
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String lambdaHint(String cls) {
        return cls != null && cls.contains("$$Lambda")
                ? " (a lambda must have a serializable target type, such as"
                + " dev.pyconcurrent.futures.function.SerializableCallable)" : "";
    }

    @Override
    public String toString() {
        return "KryoSerializer[" + filter + "]";
    }
}

package dev.pyconcurrent.ipc.serialization.jdk;

import dev.pyconcurrent.ipc.serialization.DeserializationFilter;
import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.ipc.serialization.Serializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Objects;

/**
 * Standard Java serialization ({@link ObjectOutputStream}/{@link ObjectInputStream}), always
 * behind a {@link DeserializationFilter}: the default serializer of every connection.
 *
 * <p>CPython counterpart: {@code pickle} via {@code Lib/multiprocessing/reduction.py:
 * ForkingPickler}. Like pickle it handles any object graph whose classes opt in (here by
 * implementing {@link java.io.Serializable}); lambdas travel only when their target type is
 * serializable, e.g. {@code dev.pyconcurrent.futures.function.SerializableCallable}. Java differs
 * in that the receiving side refuses classes outside the allow-list, and every array longer than
 * the message it came in is refused before it is allocated.
 *
 * <p>Thread-safe and stateless apart from its immutable filter.
 */
public final class JdkSerializer implements Serializer, java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;
    public static final String NAME = "jdk";
    /** The name of the instance behind {@link DeserializationFilter#trustedPeers()}. */
    public static final String TRUSTED_NAME = "jdk-trusted";

    private final String name;
    private final DeserializationFilter filter;

    /** With {@link DeserializationFilter#defaults()}; used by {@link java.util.ServiceLoader}. */
    public JdkSerializer() {
        this(DeserializationFilter.defaults());
    }

    /**
     * With a filter of your own, e.g. {@code DeserializationFilter.defaults().allow("com.acme.**")}. The instance
     * is serializable, so a process pool configured with it ships it to its workers, filter included.
     */
    public JdkSerializer(DeserializationFilter filter) {
        this(NAME, filter);
    }

    private JdkSerializer(String name, DeserializationFilter filter) {
        this.name = Objects.requireNonNull(name, "name");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /**
     * The {@value #TRUSTED_NAME} serializer: JDK serialization behind {@link DeserializationFilter#trustedPeers()},
     * for the peers CPython trusts (see that method).
     */
    public static JdkSerializer trustingPeers() {
        return new JdkSerializer(TRUSTED_NAME, DeserializationFilter.trustedPeers());
    }

    public DeserializationFilter filter() {
        return filter;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            String offending = e.getMessage();
            throw new SerializationException("cannot serialize " + describe(value) + ": "
                    + notSerializableHint(offending), offending, e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot serialize " + describe(value) + ": " + e,
                    value == null ? null : value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object deserialize(byte[] bytes, int offset, int length) {
        ObjectInputFilter base = filter.asObjectInputFilter();
        String[] rejected = new String[1];
        // Per call: also refuse arrays longer than the message itself (each element needs >= 1 byte).
        ObjectInputFilter guard = info -> {
            if (info.arrayLength() > length) {
                rejected[0] = "an array of " + info.arrayLength() + " elements in a " + length + "-byte message";
                return ObjectInputFilter.Status.REJECTED;
            }
            ObjectInputFilter.Status s = base.checkInput(info);
            if (s == ObjectInputFilter.Status.REJECTED) {
                rejected[0] = info.serialClass() != null ? info.serialClass().getName()
                        : "a limit (depth " + info.depth() + ", references " + info.references()
                        + ", bytes " + info.streamBytes() + ")";
            }
            return s;
        };
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            in.setObjectInputFilter(guard);
            return in.readObject();
        } catch (InvalidClassException e) {
            if (rejected[0] != null) {
                String cls = rejected[0].contains(" ") ? null : rejected[0];
                throw new SerializationException("refused to deserialize " + rejected[0]
                        + ": not allowed by " + filter + (cls == null ? ""
                        : "; widen the allow-list with DeserializationFilter.allow(\"" + cls + "\")"),
                        cls, e);
            }
            throw new SerializationException("cannot deserialize: " + e, e.classname, e);
        } catch (ClassNotFoundException e) {
            throw new SerializationException("cannot deserialize: class " + e.getMessage()
                    + " is not on this JVM's class path", e.getMessage(), e);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new SerializationException("cannot deserialize " + length + " bytes: " + e, e);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "an instance of " + value.getClass().getName();
    }

    private static String notSerializableHint(String className) {
        if (className != null && className.contains("$$Lambda")) {
            return "lambda " + className + " is not serializable; give it a serializable target type"
                    + " such as dev.pyconcurrent.futures.function.SerializableCallable";
        }
        return "class " + className + " does not implement java.io.Serializable";
    }

    @Override
    public String toString() {
        return "JdkSerializer[" + filter + "]";
    }
}

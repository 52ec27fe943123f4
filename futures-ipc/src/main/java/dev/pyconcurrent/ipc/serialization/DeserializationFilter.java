package dev.pyconcurrent.ipc.serialization;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable allow-list of classes plus size limits, applied to every object a serializer
 * rebuilds from bytes. Deserializing untrusted bytes is the classic Java security hole (any
 * {@code Serializable} class on the class path can be instantiated and its {@code readObject} run),
 * and the JDK applies no filter unless {@code jdk.serialFilter} is set, so this library always does.
 *
 * <p>Patterns use the JDK's {@link ObjectInputFilter.Config#createFilter} syntax: {@code a.b.C} one
 * class, {@code a.b.*} every class of a package, {@code a.b.**} a package and its sub-packages,
 * {@code a.b.C*} a name prefix. Arrays are checked by element type; primitive arrays always pass
 * the class check but not the length limit. Anything not matched is rejected.
 *
 * <p>Defaults ({@link #defaults()}): {@code java.lang.*} (boxed primitives, String, enums,
 * StackTraceElement, the common exceptions), {@code java.lang.invoke.SerializedLambda},
 * {@code java.util.*} and its {@code concurrent}, {@code concurrent.atomic} and {@code regex}
 * sub-packages, {@code java.time.*}, {@code java.math.*}, {@code java.io.*} exceptions and
 * {@code dev.pyconcurrent.**}; at most {@value #DEFAULT_MAX_DEPTH} nesting levels. Widen it with
 * {@link #allow(String...)} for your own classes (a serializable lambda also needs the class that
 * declares it). Independently of {@code maxArrayLength}, an array longer than the message it comes
 * from is always refused, so a 20-byte message cannot make the JVM allocate a 2 GB array.
 *
 * <p><b>Trusted peers.</b> {@link #trustedPeers()} allows every class and keeps only the depth limit.
 * It is the filter of the {@code jdk-trusted} serializer
 * ({@link dev.pyconcurrent.ipc.serialization.Serializers#trustedPeerSerializer()}), which this library
 * uses where CPython's own trust model applies: between a parent and the workers it spawned, and on
 * queues and pipe ends whose peers authenticated with the process authkey. CPython unpickles anything
 * from such peers, since they run the same program and knew the key; an allow-list there would only
 * refuse the application's own classes. Connections from a {@code Listener}/{@code Client} keep
 * {@link #defaults()}.
 *
 * <p>Serializable (as its patterns and limits), so a serializer configured with a widened filter can
 * be shipped to a worker process and filter there exactly as here.
 *
 * <p>CPython counterpart: none; pickle has no allow-list ({@code Unpickler.find_class} can be
 * overridden to build one, which is what the Python docs recommend for untrusted data).
 */
public final class DeserializationFilter implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;
    public static final long DEFAULT_MAX_DEPTH = 1000;
    private static final List<String> DEFAULT_PATTERNS = List.of(
            "java.lang.*", "java.lang.invoke.SerializedLambda", "java.util.*",
            "java.util.concurrent.*", "java.util.concurrent.atomic.*", "java.util.regex.*",
            "java.time.*", "java.math.*", "java.io.*", "dev.pyconcurrent.**");

    private final List<String> patterns;
    private final long maxBytes;
    private final long maxDepth;
    private final long maxArrayLength;
    private final long maxReferences;
    /** The {@code createFilter} spec of these rules. */
    private final String spec;
    /**
     * Built on first use, not in the constructor: touching {@code ObjectInputFilter.Config} initialises the JDK's
     * {@code System.Logger} backend, which scans every jar of the class path (≈ 20–26 ms with 37 jars, measured) —
     * start-up time a pool worker that never opens an object stream should not pay. Benign race: two threads may
     * both build an equal filter.
     */
    private transient volatile ObjectInputFilter filter;

    private DeserializationFilter(List<String> patterns, long maxBytes, long maxDepth,
                                  long maxArrayLength, long maxReferences) {
        for (String p : patterns) {
            if (p.isEmpty() || p.contains(";") || p.startsWith("!") || p.contains("=")) {
                throw new IllegalArgumentException("not an allow pattern: '" + p + "'");
            }
        }
        this.patterns = Collections.unmodifiableList(new ArrayList<>(patterns));
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.maxArrayLength = maxArrayLength;
        this.maxReferences = maxReferences;
        StringBuilder spec = new StringBuilder();
        appendLimit(spec, "maxbytes", maxBytes);
        appendLimit(spec, "maxdepth", maxDepth);
        appendLimit(spec, "maxarray", maxArrayLength);
        appendLimit(spec, "maxrefs", maxReferences);
        for (String p : this.patterns) {
            spec.append(p).append(';');
        }
        spec.append("!*");                                 // everything else is refused
        this.spec = spec.toString();
    }

    /** The default allow-list and limits described in the class comment. */
    public static DeserializationFilter defaults() {
        return new DeserializationFilter(DEFAULT_PATTERNS, -1, DEFAULT_MAX_DEPTH, -1, -1);
    }

    /**
     * Every class, at most {@value #DEFAULT_MAX_DEPTH} nesting levels: for peers this process trusts as
     * CPython does (its own spawned workers, authkey-authenticated queue and pipe peers); see the class comment.
     */
    public static DeserializationFilter trustedPeers() {
        return new DeserializationFilter(List.of("*"), -1, DEFAULT_MAX_DEPTH, -1, -1);
    }

    /** An empty allow-list (only primitive arrays pass) with no limits; build up from here. */
    public static DeserializationFilter none() {
        return new DeserializationFilter(List.of(), -1, -1, -1, -1);
    }

    /** A copy that also allows {@code patterns}. */
    public DeserializationFilter allow(String... patterns) {
        List<String> all = new ArrayList<>(this.patterns);
        all.addAll(List.of(patterns));
        DeserializationFilter copy = new DeserializationFilter(all, maxBytes, maxDepth, maxArrayLength, maxReferences);
        copy.asObjectInputFilter();                        // a user's pattern is checked now, not at first use
        return copy;
    }

    /** A copy with a limit on the bytes one message may hold ({@code -1}: none). */
    public DeserializationFilter withMaxBytes(long limit) {
        return new DeserializationFilter(patterns, limit, maxDepth, maxArrayLength, maxReferences);
    }

    /** A copy with a limit on object nesting depth ({@code -1}: none). */
    public DeserializationFilter withMaxDepth(long limit) {
        return new DeserializationFilter(patterns, maxBytes, limit, maxArrayLength, maxReferences);
    }

    /** A copy with a limit on any array's length ({@code -1}: none). */
    public DeserializationFilter withMaxArrayLength(long limit) {
        return new DeserializationFilter(patterns, maxBytes, maxDepth, limit, maxReferences);
    }

    /** A copy with a limit on the number of objects and references ({@code -1}: none). */
    public DeserializationFilter withMaxReferences(long limit) {
        return new DeserializationFilter(patterns, maxBytes, maxDepth, maxArrayLength, limit);
    }

    public List<String> patterns() {
        return patterns;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long maxDepth() {
        return maxDepth;
    }

    public long maxArrayLength() {
        return maxArrayLength;
    }

    /** The JDK filter for these rules (limits first, then patterns, then reject-all). */
    public ObjectInputFilter asObjectInputFilter() {
        ObjectInputFilter built = filter;
        if (built == null) {
            built = ObjectInputFilter.Config.createFilter(spec);
            filter = built;
        }
        return built;
    }

    /** True if the class check alone lets {@code type} through (used by non-JDK serializers). */
    public boolean allowsClass(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return true;
        }
        return asObjectInputFilter().checkInput(new ClassOnly(type)) == ObjectInputFilter.Status.ALLOWED;
    }

    @Override
    public String toString() {
        return "DeserializationFilter" + patterns + "[maxBytes=" + maxBytes + ", maxDepth=" + maxDepth
                + ", maxArrayLength=" + maxArrayLength + ", maxReferences=" + maxReferences + "]";
    }

    /** Serialized as its rules; the JDK filter object is rebuilt on arrival. */
    @java.io.Serial
    private Object writeReplace() {
        return new Rules(patterns, maxBytes, maxDepth, maxArrayLength, maxReferences);
    }

    @java.io.Serial
    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
        throw new java.io.InvalidObjectException("DeserializationFilter travels as its Rules");
    }

    private record Rules(List<String> patterns, long maxBytes, long maxDepth, long maxArrayLength,
                         long maxReferences) implements java.io.Serializable {
        @java.io.Serial
        private Object readResolve() {
            return new DeserializationFilter(patterns, maxBytes, maxDepth, maxArrayLength, maxReferences);
        }
    }

    private static void appendLimit(StringBuilder spec, String name, long value) {
        if (value >= 0) {
            spec.append(name).append('=').append(value).append(';');
        }
    }

    /** Filter input describing just a class, with no stream statistics. */
    private record ClassOnly(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {
        ClassOnly {
            Objects.requireNonNull(serialClass);
        }

        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 0;
        }

        @Override
        public long streamBytes() {
            return 0;
        }
    }
}

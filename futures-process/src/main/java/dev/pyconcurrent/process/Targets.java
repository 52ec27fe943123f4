package dev.pyconcurrent.process;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapters from the library's serializable task types to {@link ProcessTarget}, and argument copying.
 *
 * <p>Named classes rather than lambdas on purpose: a serialized lambda costs ~4x the bytes and a
 * {@code LambdaMetafactory} bootstrap in the child (see /work/shared/java-baseline.md), and the child pays it on its
 * start-up path. Argument collections are copied into serializable, null-tolerant unmodifiable lists and maps
 * (Python's {@code None} is a legal argument; {@code List.copyOf} would reject {@code null}).
 */
final class Targets {
    private Targets() {
    }

    static List<Object> listOf(Object... values) {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
    }

    static List<Object> copyArgs(List<?> args) {
        return args == null || args.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
    }

    static Map<String, Object> copyKwargs(Map<String, ?> kwargs) {
        return kwargs == null || kwargs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    /** {@code target()} with no arguments. */
    record NoArgsTarget(ProcessTarget.NoArgs fn) implements ProcessTarget {
        @Override
        public void run(List<Object> args, Map<String, Object> kwargs) throws Exception {
            fn.run();
        }
    }

    /** {@code target(a)}: the first positional argument. */
    record OneArgTarget<A>(ProcessTarget.OneArg<A> fn) implements ProcessTarget {
        @Override
        @SuppressWarnings("unchecked")
        public void run(List<Object> args, Map<String, Object> kwargs) throws Exception {
            requireArity(1, args);
            fn.run((A) args.get(0));
        }
    }

    /** {@code target(a, b)}: the first two positional arguments. */
    record TwoArgsTarget<A, B>(ProcessTarget.TwoArgs<A, B> fn) implements ProcessTarget {
        @Override
        @SuppressWarnings("unchecked")
        public void run(List<Object> args, Map<String, Object> kwargs) throws Exception {
            requireArity(2, args);
            fn.run((A) args.get(0), (B) args.get(1));
        }
    }

    private static void requireArity(int expected, List<Object> args) {
        if (args.size() != expected) {
            throw new IllegalArgumentException("this target takes exactly " + expected + " positional argument"
                    + (expected == 1 ? "" : "s") + ", got " + args.size());
        }
    }
}

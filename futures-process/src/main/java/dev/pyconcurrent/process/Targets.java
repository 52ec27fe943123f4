package dev.pyconcurrent.process;

import dev.pyconcurrent.futures.function.SerializableConsumer;
import dev.pyconcurrent.futures.function.SerializableRunnable;

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
    static final class RunnableTarget implements ProcessTarget {
        private static final long serialVersionUID = 1L;
        private final SerializableRunnable runnable;

        RunnableTarget(SerializableRunnable runnable) {
            this.runnable = runnable;
        }

        @Override
        public void run(List<Object> args, Map<String, Object> kwargs) {
            runnable.run();
        }
    }

    /** {@code target(arg)}: the first positional argument is handed to the consumer. */
    static final class ConsumerTarget<T> implements ProcessTarget {
        private static final long serialVersionUID = 1L;
        private final SerializableConsumer<T> consumer;

        ConsumerTarget(SerializableConsumer<T> consumer) {
            this.consumer = consumer;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void run(List<Object> args, Map<String, Object> kwargs) {
            if (args.size() != 1) {
                throw new IllegalArgumentException("a SerializableConsumer target takes exactly 1 argument, got "
                        + args.size());
            }
            consumer.accept((T) args.get(0));
        }
    }
}

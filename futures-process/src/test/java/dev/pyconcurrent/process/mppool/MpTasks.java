package dev.pyconcurrent.process.mppool;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;

import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;

/** Tasks the pool tests send to worker JVMs (CPython's module-level helpers of {@code _test_multiprocessing.py}). */
final class MpTasks {
    /** Bound of every wait in these tests (CPython's {@code support.SHORT_TIMEOUT} is 30 s). */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private MpTasks() {
    }

    /** CPython's {@code sqr(x, wait=0.0)}. */
    static final SerializableFunction<Integer, Integer> SQR = x -> x * x;

    static SerializableFunction<Integer, Integer> sqrAfter(long millis) {
        return x -> {
            sleep(millis);
            return x * x;
        };
    }

    static final SerializableCallable<Long> PID = () -> ProcessHandle.current().pid();

    /** Raises a {@link KeyLikeException} (CPython's tests raise KeyError / ZeroDivisionError). */
    static final SerializableFunction<Integer, Integer> RAISE = x -> {
        throw new KeyLikeException("key " + x);
    };

    /** The worker kills itself with SIGKILL in the middle of the task. */
    static final SerializableCallable<Integer> SIGKILL_SELF = () -> {
        new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        sleep(10_000);
        return -1;
    };

    /** {@code System.exit(3)} in the middle of the task. */
    static final SerializableCallable<Integer> EXIT_3 = () -> {
        System.exit(3);
        return -1;
    };

    /** A result that cannot be serialized (CPython's {@code unpickleable_result} returns a lambda). */
    static final SerializableCallable<Object> UNSERIALIZABLE_RESULT = () -> new Thread("not serializable");

    /** An exception that travels from the worker but cannot be rebuilt in the parent (bpo-35311). */
    static final SerializableCallable<Object> RAISE_UNDESERIALIZABLE = () -> {
        throw new UndeserializableException("cannot come back");
    };

    /** An argument that cannot be serialized (CPython's {@code test_map_unplicklable}). */
    static final class Unserializable implements Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final transient Object keep = null;
        private final Object thread = new Thread("not serializable either");

        @Override
        public String toString() {
            return "Unserializable" + thread.hashCode();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stands for CPython's KeyError. */
    static final class KeyLikeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyLikeException(String message) {
            super(message);
        }
    }

    /** Serializes fine, refuses to be deserialized. */
    static final class UndeserializableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UndeserializableException(String message) {
            super(message);
        }

        private void readObject(ObjectInputStream in) throws IOException {
            throw new InvalidObjectException("UndeserializableException refuses to be rebuilt");
        }
    }

    /** CPython's {@code SayWhenError} / {@code exception_throwing_generator(total, when)}. */
    static final class SayWhenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SayWhenException(String message) {
            super(message);
        }
    }

    /** An input of {@code total} integers that throws {@link SayWhenException} when asked for item {@code when}. */
    static Iterable<Integer> throwingAt(int total, int when) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < total;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (i == when) {
                    throw new SayWhenException("Somebody said when");
                }
                return i++;
            }
        };
    }
}

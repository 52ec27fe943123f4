package dev.pyconcurrent.process.pool;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;

/**
 * Failure injection for the crash matrix, after loky's {@code ExitAtPickle}, {@code ErrorAtUnpickle},
 * {@code CrashAtUnpickle}... helpers: objects whose serialization hooks fail in the chosen way, and a serializer that
 * refuses marked objects.
 */
final class Crashes {
    private Crashes() {
    }

    /** How a stage fails. */
    enum Failure {
        EXCEPTION, SYSTEM_EXIT, HALT, SIGKILL, SERIALIZER_THROWS
    }

    /** Exit statuses used by the injected exits, so the tests can check that the pool reports them. */
    static final int EXIT_STATUS = 3;
    static final int HALT_STATUS = 4;

    static void act(Failure failure) {
        switch (failure) {
            case EXCEPTION:
                throw new IllegalStateException("boom");
            case SYSTEM_EXIT:
                System.exit(EXIT_STATUS);
                break;
            case HALT:
                Runtime.getRuntime().halt(HALT_STATUS);
                break;
            case SIGKILL:
                PoolTasks.killSelf();
                break;
            default:
                throw new IllegalArgumentException("not an action: " + failure);
        }
    }

    /** Fails while being serialized. */
    static final class FailOnWrite implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        FailOnWrite(Failure failure) {
            this.failure = failure;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            act(failure);
            out.defaultWriteObject();
        }
    }

    /** Fails while being deserialized. */
    static final class FailOnRead implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        FailOnRead(Failure failure) {
            this.failure = failure;
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            act(failure);
        }
    }

    /** Marks an object the {@link TrapSerializer} refuses to write or to read. */
    record Trap(boolean onWrite) implements Serializable {
    }

    /** A serializer that throws on {@link Trap}s (in the parent and, shipped as an instance, in the workers). */
    static final class TrapSerializer implements Serializer, Serializable {
        private static final long serialVersionUID = 1L;

        private static Serializer delegate() {
            return Serializers.defaultSerializer();
        }

        @Override
        public String name() {
            return "trap";
        }

        @Override
        public byte[] serialize(Object value) {
            if (value instanceof Trap trap && trap.onWrite()) {
                throw new SerializationException("trap serializer refuses to write " + value, null);
            }
            return delegate().serialize(value);
        }

        @Override
        public Object deserialize(byte[] bytes, int offset, int length) {
            Object value = delegate().deserialize(bytes, offset, length);
            if (value instanceof Trap trap && !trap.onWrite()) {
                throw new SerializationException("trap serializer refuses to read " + value, null);
            }
            return value;
        }
    }
}

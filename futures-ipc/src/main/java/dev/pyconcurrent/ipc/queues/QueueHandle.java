package dev.pyconcurrent.ipc.queues;

import dev.pyconcurrent.ipc.host.RemoteRef;
import dev.pyconcurrent.ipc.shared.Value;
import java.io.Serial;
import java.io.Serializable;

/**
 * The serialized form of every queue: where it is hosted, which kind it is, and its configuration.
 * {@code readResolve} gives back the queue itself in the host JVM, and a proxy anywhere else.
 *
 * <p>CPython counterpart: {@code Queue.__getstate__/__setstate__} in
 * {@code Lib/multiprocessing/queues.py} (which ship the pipe ends and semaphores to the child);
 * here a {@link RemoteRef} is shipped instead, plus {@code shutDownFlag}, the shared-memory mirror of
 * the queue's shut-down state (null for a {@link SimpleQueue}, which cannot be shut down), as
 * CPython's main branch ships its {@code _sem_flag_shutdown} semaphores.
 */
record QueueHandle(RemoteRef ref, Kind kind, int maxsize, String serializer, Value shutDownFlag) implements Serializable {
    enum Kind { QUEUE, JOINABLE, SIMPLE }

    @Serial
    private Object readResolve() {
        if (ref.isLocal()) {
            return ref.localObject();
        }
        return switch (kind) {
            case QUEUE -> new Queue<>(this);
            case JOINABLE -> new JoinableQueue<>(this);
            case SIMPLE -> new SimpleQueue<>(this);
        };
    }
}

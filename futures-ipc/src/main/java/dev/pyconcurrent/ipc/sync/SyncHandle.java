package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.RemoteRef;
import java.io.Serial;
import java.io.Serializable;

/**
 * The serialized form of every synchronization primitive: where it is hosted, its kind, one
 * numeric parameter (semaphore bound, barrier parties) and, for a {@link Condition}, its lock.
 * {@code readResolve} gives the object itself back in the host JVM and a proxy elsewhere.
 *
 * <p>CPython counterpart: {@code SemLock.__getstate__/__setstate__} (which ship a named
 * semaphore's handle); here a {@link RemoteRef} is shipped.
 */
record SyncHandle(RemoteRef ref, Kind kind, long param, SyncLock lock) implements Serializable {
    enum Kind { LOCK, RLOCK, SEMAPHORE, BOUNDED_SEMAPHORE, CONDITION, EVENT, BARRIER }

    @Serial
    private Object readResolve() {
        if (ref.isLocal()) {
            return ref.localObject();
        }
        return switch (kind) {
            case LOCK -> new Lock(ref);
            case RLOCK -> new RLock(ref);
            case SEMAPHORE -> new Semaphore(ref, (int) param);
            case BOUNDED_SEMAPHORE -> new BoundedSemaphore(ref, (int) param);
            case CONDITION -> new Condition(ref, lock);
            case EVENT -> new Event(ref);
            case BARRIER -> new Barrier(ref, (int) param);
        };
    }
}

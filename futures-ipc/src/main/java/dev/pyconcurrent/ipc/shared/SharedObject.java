package dev.pyconcurrent.ipc.shared;

import dev.pyconcurrent.ipc.host.ResourceTracker;
import dev.pyconcurrent.ipc.sync.RLock;
import dev.pyconcurrent.ipc.sync.SyncLock;
import java.io.Serial;
import java.io.Serializable;

/**
 * What {@link Value} and {@link Array} share: the mapping, the optional lock and the handle.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/sharedctypes.py: SynchronizedBase}
 * ({@code get_lock()}, {@code get_obj()}) over a raw ctypes object.
 */
abstract class SharedObject implements Serializable, AutoCloseable {
    @Serial
    private static final long serialVersionUID = 1L;

    final transient SharedMemory memory;
    private final transient SyncLock lock;
    private final transient long creatorPid;

    SharedObject(TypeCode type, int length, Object lockArg) {
        this.lock = lockArg == null || Boolean.TRUE.equals(lockArg) ? new RLock()
                : Boolean.FALSE.equals(lockArg) ? null : (SyncLock) lockArg;
        this.memory = SharedMemory.create(type, length);
        this.creatorPid = ProcessHandle.current().pid();
    }

    SharedObject(SharedMemory memory, SyncLock lock, long creatorPid) {
        this.memory = memory;
        this.lock = lock;
        this.creatorPid = creatorPid;
    }

    /**
     * The lock guarding compound updates, as CPython's {@code get_lock()}.
     *
     * @throws UnsupportedOperationException if this object was created with {@code lock=false}
     *         (CPython: the raw object has no {@code get_lock}, an {@code AttributeError})
     */
    public SyncLock getLock() {
        if (lock == null) {
            throw new UnsupportedOperationException("created with lock=false: a raw shared object has no lock");
        }
        return lock;
    }

    /** False if created with {@code lock=false} (CPython's {@code RawValue}/{@code RawArray}). */
    public boolean hasLock() {
        return lock != null;
    }

    public char typecode() {
        return memory.type.code();
    }

    /** The file backing this object (for diagnostics). */
    public String path() {
        return memory.path.toString();
    }

    /**
     * In the creating process, removes the backing file now (processes that already mapped it
     * keep working; new children can no longer attach). Elsewhere, does nothing. Idempotent; the
     * file is removed at JVM exit anyway.
     */
    @Override
    public void close() {
        if (creatorPid == ProcessHandle.current().pid()) {
            ResourceTracker.deleteNow(memory.path);
        }
    }

    @Serial
    protected final Object writeReplace() {
        return new SharedHandle(memory.path.toString(), memory.type.code(), memory.length, creatorPid,
                this instanceof Array, lock != null, lock);
    }
}

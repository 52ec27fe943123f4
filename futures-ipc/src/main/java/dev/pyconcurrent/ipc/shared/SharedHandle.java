package dev.pyconcurrent.ipc.shared;

import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Paths;
import dev.pyconcurrent.ipc.sync.SyncLock;

/**
 * The serialized form of a {@link Value} or {@link Array}: the file to map, its element type and
 * count, the creator's pid (for messages) and the lock, which travels as its own handle.
 *
 * <p>CPython counterpart: {@code sharedctypes.rebuild_ctype} with the arena's {@code DupFd};
 * here the file name is shipped because a descriptor cannot be.
 */
record SharedHandle(String path, char typecode, int length, long creatorPid, boolean array,
                    boolean hasLock, SyncLock lock) implements Serializable {
    @Serial
    private Object readResolve() {
        SharedMemory mem = SharedMemory.attach(Paths.get(path), TypeCode.of(typecode), length, creatorPid);
        SyncLock l = hasLock ? lock : null;
        return array ? new Array(mem, l, creatorPid) : new Value(mem, l, creatorPid);
    }
}

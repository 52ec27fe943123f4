package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.RemoteRef;
import java.io.Serial;

/**
 * A non-recursive lock shared by processes: acquiring it twice from the same thread blocks (or
 * fails non-blocking), and any thread or process may release it, as in CPython.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: Lock} ({@code SemLock(SEMAPHORE,
 * 1, 1)}). Java differs: the state lives in the JVM that created the lock and other processes reach
 * it through the resource host (the JDK has no POSIX named semaphores); releasing an unlocked lock
 * throws {@link IllegalStateException} (CPython's {@code ValueError}); if the process or thread
 * holding it dies, the host releases it (CPython leaves it locked forever); if the hosting process
 * dies, waiting and later calls throw {@link dev.pyconcurrent.ipc.host.HostDiedException}.
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   UNLOCKED --acquire--&gt; LOCKED(owner = caller) --release (by anyone)--&gt; UNLOCKED
 *   LOCKED --owner's process/thread dies (its connection ends)--&gt; UNLOCKED
 *   UNLOCKED --release--&gt; IllegalStateException, no change
 * </pre>
 */
public final class Lock extends SemLockBase implements SyncLock {
    @Serial
    private static final long serialVersionUID = 1L;

    public Lock() {
        super("Lock", SemLockCore.Kind.SEMAPHORE, 1, 1);
    }

    Lock(RemoteRef ref) {
        super("Lock", ref);
    }

    @Override
    public boolean locked() {
        return state()[0] == 0;
    }

    @Override
    SyncHandle.Kind handleKind() {
        return SyncHandle.Kind.LOCK;
    }

    @Override
    public String toString() {
        return "<" + name + (locked() ? " locked" : " unlocked") + ">";
    }
}

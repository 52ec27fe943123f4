package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.RemoteRef;
import java.io.Serial;

/**
 * A recursive lock shared by processes: the owning thread (of the owning process) may acquire it
 * again and must release it as many times; nobody else may release it.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: RLock}
 * ({@code SemLock(RECURSIVE_MUTEX, 1, 1)}). The owner is (process, thread), as in CPython; in another
 * JVM that is the thread's own connection to the host. Java differs: releasing a lock you do not
 * own throws {@link IllegalMonitorStateException} (CPython: {@code AssertionError}); if the owning
 * process or thread dies, the host frees it (CPython: held forever).
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   FREE --acquire by T--&gt; OWNED(T, 1) --acquire by T--&gt; OWNED(T, n+1)
 *   OWNED(T, n) --release by T--&gt; OWNED(T, n-1), FREE at 0
 *   OWNED(T, n) --release by another--&gt; IllegalMonitorStateException, no change
 *   OWNED(T, n) --T's process/thread dies--&gt; FREE
 * </pre>
 */
public final class RLock extends SemLockBase implements SyncLock {
    @Serial
    private static final long serialVersionUID = 1L;

    public RLock() {
        super("RLock", SemLockCore.Kind.RECURSIVE_MUTEX, 1, 1);
    }

    RLock(RemoteRef ref) {
        super("RLock", ref);
    }

    @Override
    public boolean locked() {
        return state()[0] == 0;
    }

    /** The recursion depth if the current thread owns it, else 0 (the {@code n} of CPython's repr). */
    public int holdCount() {
        long[] s = state();
        return s[2] == 1 ? (int) s[1] : 0;
    }

    @Override
    SyncHandle.Kind handleKind() {
        return SyncHandle.Kind.RLOCK;
    }

    @Override
    public String toString() {
        long[] s = state();
        return "<" + name + "(" + (s[0] == 1 ? "None, 0" : (s[2] == 1 ? "mine, " + s[1] : "other, nonzero")) + ")>";
    }
}

package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.RemoteRef;
import java.io.Serial;

/**
 * A counting semaphore shared by processes. Releases may raise the value past its initial value.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: Semaphore}
 * ({@code SemLock(SEMAPHORE, value, SEM_VALUE_MAX)}). Java differs: units a process acquired and had
 * not released when it died are released by the host (see the module doc for when that is and is
 * not what you want); the value is read with {@link #getValue()} on every platform (CPython raises
 * {@code NotImplementedError} on macOS).
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   value v &gt; 0 --acquire--&gt; v-1;   v == 0 --acquire--&gt; waits (or false)
 *   v --release--&gt; v+1 (IllegalStateException at the bound, see {@link BoundedSemaphore})
 * </pre>
 */
public class Semaphore extends SemLockBase {
    @Serial
    private static final long serialVersionUID = 1L;

    final int bound;

    /** {@code Semaphore(1)}. */
    public Semaphore() {
        this(1);
    }

    public Semaphore(int value) {
        this("Semaphore", value, SemLockCore.UNBOUNDED);
    }

    Semaphore(String typeName, int value, int maxvalue) {
        super(typeName, SemLockCore.Kind.SEMAPHORE, value, maxvalue);
        this.bound = maxvalue;
    }

    Semaphore(RemoteRef ref, int bound) {
        this("Semaphore", ref, bound);
    }

    Semaphore(String typeName, RemoteRef ref, int bound) {
        super(typeName, ref);
        this.bound = bound;
    }

    /** The current value. */
    public int getValue() {
        return (int) state()[0];
    }

    @Override
    SyncHandle.Kind handleKind() {
        return SyncHandle.Kind.SEMAPHORE;
    }

    @Override
    long handleParam() {
        return bound;
    }

    @Override
    public String toString() {
        return "<" + name + "(value=" + getValue() + ")>";
    }
}

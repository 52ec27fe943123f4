package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.RemoteRef;
import java.io.Serial;

/**
 * A semaphore whose value may never exceed its initial value: releasing past it throws
 * {@link IllegalStateException}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: BoundedSemaphore}
 * ({@code SemLock(SEMAPHORE, value, value)}); CPython raises {@code ValueError} except on macOS,
 * where it cannot check (its test comments the check out). Here the check always holds.
 */
public final class BoundedSemaphore extends Semaphore {
    @Serial
    private static final long serialVersionUID = 1L;

    public BoundedSemaphore() {
        this(1);
    }

    public BoundedSemaphore(int value) {
        super("BoundedSemaphore", value, value);
    }

    BoundedSemaphore(RemoteRef ref, int bound) {
        super("BoundedSemaphore", ref, bound);
    }

    @Override
    SyncHandle.Kind handleKind() {
        return SyncHandle.Kind.BOUNDED_SEMAPHORE;
    }

    @Override
    public String toString() {
        return "<" + name + "(value=" + getValue() + ", maxvalue=" + bound + ")>";
    }
}

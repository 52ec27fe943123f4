package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostChannel;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.RemoteRef;
import dev.pyconcurrent.ipc.host.ResourceHost;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the four {@link SemLockCore}-backed primitives share: the direct path in the host JVM, the
 * proxy path elsewhere, and the handle. Exactly one of {@link #core} and {@link #remote} is set.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: SemLock}.
 */
abstract class SemLockBase implements Acquirable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final AtomicLong NAMES = new AtomicLong();

    final transient SemLockCore core;
    final transient RemoteRef remote;
    final transient String name;

    SemLockBase(String typeName, SemLockCore.Kind kind, int value, int maxvalue) {
        this.name = typeName + "#" + NAMES.incrementAndGet() + "@pid" + ProcessHandle.current().pid();
        this.core = new SemLockCore(name, kind, value, maxvalue);
        this.remote = null;
    }

    SemLockBase(String typeName, RemoteRef ref) {
        this.name = typeName + "#" + ref.objectId() + "@pid" + ref.hostPid();
        this.core = null;
        this.remote = ref;
    }

    @Override
    public boolean acquire(boolean block, double timeoutSeconds) throws InterruptedException {
        long timeout = HostProtocol.toWireTimeout(block, timeoutSeconds);
        if (core != null) {
            return core.acquire(timeout, Caller.local());
        }
        HostChannel ch = remote.channel();
        ch.begin(SemLockCore.OP_ACQUIRE, remote.objectId()).putLong(timeout);
        return ch.call("acquire on " + name).get(0) == HostProtocol.STATUS_OK;
    }

    @Override
    public void release() {
        if (core != null) {
            core.release(Caller.local());
            return;
        }
        HostChannel ch = remote.channel();
        ch.begin(SemLockCore.OP_RELEASE, remote.objectId());
        ch.callQuick("release on " + name);
    }

    /** {value, count, isMine}. */
    final long[] state() {
        if (core != null) {
            return core.state(Caller.local());
        }
        HostChannel ch = remote.channel();
        ch.begin(SemLockCore.OP_STATE, remote.objectId());
        ByteBuffer r = ch.callQuick("state of " + name);
        return new long[] {r.getLong(), r.getLong(), r.getLong()};
    }

    /** True if the current thread of this process holds it (CPython's {@code _is_mine()}). */
    public final boolean isMine() {
        return state()[2] == 1;
    }

    /** True if this JVM hosts the state (no socket in between). */
    public final boolean isHostedHere() {
        return core != null;
    }

    abstract SyncHandle.Kind handleKind();

    long handleParam() {
        return 0;
    }

    @Serial
    protected final Object writeReplace() {
        RemoteRef ref = core != null ? ResourceHost.get().export(this, core, getClass().getSimpleName()) : remote;
        return new SyncHandle(ref, handleKind(), handleParam(), null);
    }
}

package dev.pyconcurrent.ipc.sync;

import java.time.Duration;
import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostChannel;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.RemoteRef;
import dev.pyconcurrent.ipc.host.ResourceHost;
import java.io.Serial;
import java.io.Serializable;

/**
 * A flag shared by processes that threads can wait for.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: Event}. Java names:
 * {@code wait(timeout)} is {@link #await(double)} ({@code Object.wait} is final) and returns the
 * flag, as CPython's does; {@code is_set()} is {@link #isSet()}.
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   UNSET --set()--&gt; SET (every waiter returns true)   SET --clear()--&gt; UNSET
 * </pre>
 */
public final class Event implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient EventCore core;
    private final transient RemoteRef remote;
    private final transient String name;

    public Event() {
        this.name = "Event#" + SemLockBase.NAMES.incrementAndGet() + "@pid" + ProcessHandle.current().pid();
        this.core = new EventCore(name);
        this.remote = null;
    }

    Event(RemoteRef ref) {
        this.name = "Event#" + ref.objectId() + "@pid" + ref.hostPid();
        this.core = null;
        this.remote = ref;
    }

    public void set() {
        if (core != null) {
            core.set();
            return;
        }
        quick(EventCore.OP_SET, "set");
    }

    public void clear() {
        if (core != null) {
            core.clear();
            return;
        }
        quick(EventCore.OP_CLEAR, "clear");
    }

    public boolean isSet() {
        if (core != null) {
            return core.isSet();
        }
        return quick(EventCore.OP_IS_SET, "isSet");
    }

    /** Waits until the flag is set; returns true. */
    public boolean await() throws InterruptedException {
        return await(Double.POSITIVE_INFINITY);
    }

    /** {@link #await(double)} with a {@link Duration}. */
    public boolean await(Duration timeout) throws InterruptedException {
        return await(timeout.toNanos() / 1e9);
    }

    /** Python's {@code wait(timeout)}: returns the flag when the wait ends (false on timeout). */
    public boolean await(double timeoutSeconds) throws InterruptedException {
        long timeout = HostProtocol.toWireTimeout(true, timeoutSeconds);
        if (core != null) {
            return core.await(timeout, Caller.local());
        }
        HostChannel ch = remote.channel();
        ch.begin(EventCore.OP_WAIT, remote.objectId()).putLong(timeout);
        return ch.call("wait on " + name).get(0) == HostProtocol.STATUS_OK;
    }

    private boolean quick(byte op, String what) {
        HostChannel ch = remote.channel();
        ch.begin(op, remote.objectId());
        return ch.callQuick(what + " on " + name).get(0) == HostProtocol.STATUS_OK;
    }

    @Serial
    private Object writeReplace() {
        RemoteRef ref = core != null ? ResourceHost.get().export(this, core, "Event") : remote;
        return new SyncHandle(ref, SyncHandle.Kind.EVENT, 0, null);
    }

    @Override
    public String toString() {
        return "<" + name + (isSet() ? " set" : " unset") + ">";
    }
}

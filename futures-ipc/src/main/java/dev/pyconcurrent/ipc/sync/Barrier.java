package dev.pyconcurrent.ipc.sync;

import java.time.Duration;
import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostChannel;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.RemoteRef;
import dev.pyconcurrent.ipc.host.ResourceHost;
import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.concurrent.BrokenBarrierException;

/**
 * A barrier for a fixed number of parties, which may be in different processes.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: Barrier} (and
 * {@code threading.Barrier}, whose semantics it keeps: {@code wait()} returns an index in
 * {@code 0..parties-1}, the optional action runs once per trip before anyone is released, a timeout,
 * {@code abort()} or a failing action breaks it, {@code reset()} repairs it). Java names:
 * {@code wait} is {@link #await()} ({@code Object.wait} is final), {@code BrokenBarrierError} is
 * {@link BrokenBarrierException}, {@code n_waiting} is {@link #nWaiting()}. Java differs: the action
 * runs in the JVM that created the barrier, so it need not be serializable (CPython runs it in the
 * last arriving process); a party whose process dies while waiting breaks the barrier. See
 * {@link BarrierCore} for the state machine.
 */
public final class Barrier implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Wire value meaning "use the barrier's default timeout". */
    private static final long DEFAULT = Long.MIN_VALUE;

    private final transient BarrierCore core;
    private final transient RemoteRef remote;
    private final transient int parties;
    private final transient String name;

    public Barrier(int parties) {
        this(parties, null, Double.POSITIVE_INFINITY);
    }

    /**
     * @param action         run once per trip, in this JVM, before the parties are released (may be null)
     * @param timeoutSeconds the default timeout of {@link #await()} ({@code POSITIVE_INFINITY}: none)
     */
    public Barrier(int parties, Runnable action, double timeoutSeconds) {
        this.name = "Barrier#" + SemLockBase.NAMES.incrementAndGet() + "@pid" + ProcessHandle.current().pid();
        this.core = new BarrierCore(name, parties, action, HostProtocol.toWireTimeout(true, timeoutSeconds));
        this.parties = parties;
        this.remote = null;
    }

    Barrier(RemoteRef ref, int parties) {
        this.name = "Barrier#" + ref.objectId() + "@pid" + ref.hostPid();
        this.core = null;
        this.remote = ref;
        this.parties = parties;
    }

    /** Waits with the barrier's default timeout; returns this party's index. */
    public int await() throws InterruptedException, BrokenBarrierException {
        return doAwait(DEFAULT);
    }

    /** {@link #await(double)} with a {@link Duration}. */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        return await(timeout.toNanos() / 1e9);
    }

    /** Waits up to {@code timeoutSeconds} (a timeout breaks the barrier); returns this party's index. */
    public int await(double timeoutSeconds) throws InterruptedException, BrokenBarrierException {
        return doAwait(HostProtocol.toWireTimeout(true, timeoutSeconds));
    }

    private int doAwait(long timeout) throws InterruptedException, BrokenBarrierException {
        if (core != null) {
            return core.await(timeout, Caller.local());
        }
        HostChannel ch = remote.channel();
        ch.begin(BarrierCore.OP_WAIT, remote.objectId()).putLong(timeout);
        ByteBuffer r = ch.call("wait on " + name);
        if (r.get(0) != HostProtocol.STATUS_OK) {
            throw new BrokenBarrierException(name + " is broken");
        }
        return (int) r.getLong();
    }

    /** Breaks the barrier if parties are waiting and makes it usable again. */
    public void reset() {
        if (core != null) {
            core.reset();
            return;
        }
        quick(BarrierCore.OP_RESET, "reset");
    }

    /** Puts the barrier into the broken state: current and future waits throw. */
    public void abort() {
        if (core != null) {
            core.abort();
            return;
        }
        quick(BarrierCore.OP_ABORT, "abort");
    }

    public int parties() {
        return parties;
    }

    /** Parties currently waiting. */
    public int nWaiting() {
        return (int) state()[0];
    }

    public boolean isBroken() {
        return state()[1] == 1;
    }

    private long[] state() {
        if (core != null) {
            return core.state();
        }
        ByteBuffer r = quick(BarrierCore.OP_STATE, "state");
        return new long[] {r.getLong(), r.getLong()};
    }

    private ByteBuffer quick(byte op, String what) {
        HostChannel ch = remote.channel();
        ch.begin(op, remote.objectId());
        return ch.callQuick(what + " on " + name);
    }

    @Serial
    private Object writeReplace() {
        RemoteRef ref = core != null ? ResourceHost.get().export(this, core, "Barrier") : remote;
        return new SyncHandle(ref, SyncHandle.Kind.BARRIER, parties, null);
    }

    @Override
    public String toString() {
        return "<" + name + "(parties=" + parties + ")>";
    }
}

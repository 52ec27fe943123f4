package dev.pyconcurrent.ipc.sync;

import java.time.Duration;
import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostChannel;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.RemoteRef;
import dev.pyconcurrent.ipc.host.ResourceHost;
import java.io.Serial;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared by processes, bound to a {@link Lock} or {@link RLock} (a new
 * {@code RLock} by default).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/synchronize.py: Condition}. Java names:
 * {@code Object.wait/notify/notifyAll} are final in Java, so {@code wait(timeout)} is
 * {@link #await(double)}, {@code notify(n)} is {@link #signal(int)} and {@code notify_all()} is
 * {@link #signalAll()}, as in {@link java.util.concurrent.locks.Condition}; {@code wait_for} is
 * {@link #waitFor}. Waiting without owning the lock throws {@link IllegalMonitorStateException}
 * (CPython: {@code AssertionError}/{@code RuntimeError}). The release-wait-reacquire of
 * {@code await} happens atomically in the host (see {@link ConditionCore}), so the lock must be
 * created in the same process as the condition. A waiter whose process dies is dropped and its
 * notification, if it had one, goes to the next waiter.
 */
public final class Condition implements Acquirable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ConditionCore core;
    private final transient RemoteRef remote;
    private final transient SyncLock lock;
    private final transient String name;

    /** A condition with a new {@link RLock}, as CPython's default. */
    public Condition() {
        this(new RLock());
    }

    /**
     * A condition using {@code lock}.
     *
     * @throws IllegalArgumentException if {@code lock} is a proxy (hosted by another process)
     */
    public Condition(SyncLock lock) {
        SemLockBase l = (SemLockBase) lock;
        if (l.core == null) {
            throw new IllegalArgumentException("a Condition's lock must be created in the process that creates"
                    + " the Condition (" + l.name + " is hosted elsewhere)");
        }
        this.lock = lock;
        this.name = "Condition#" + SemLockBase.NAMES.incrementAndGet() + "@pid" + ProcessHandle.current().pid();
        this.core = new ConditionCore(name, l.core);
        this.remote = null;
    }

    Condition(RemoteRef ref, SyncLock lock) {
        this.lock = lock;
        this.name = "Condition#" + ref.objectId() + "@pid" + ref.hostPid();
        this.core = null;
        this.remote = ref;
    }

    /** The lock this condition uses. */
    public SyncLock getLock() {
        return lock;
    }

    @Override
    public boolean acquire(boolean block, double timeoutSeconds) throws InterruptedException {
        return lock.acquire(block, timeoutSeconds);
    }

    @Override
    public void release() {
        lock.release();
    }

    /** Python's {@code wait()}: releases the lock, waits for a signal, re-acquires. Returns true. */
    public boolean await() throws InterruptedException {
        return await(Double.POSITIVE_INFINITY);
    }

    /** {@link #await(double)} with a {@link Duration}. */
    public boolean await(Duration timeout) throws InterruptedException {
        return await(timeout.toNanos() / 1e9);
    }

    /**
     * Python's {@code wait(timeout)}.
     *
     * @return true if signalled, false if the timeout passed
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     */
    public boolean await(double timeoutSeconds) throws InterruptedException {
        long timeout = HostProtocol.toWireTimeout(true, timeoutSeconds);
        if (core != null) {
            return core.await(timeout, Caller.local());
        }
        HostChannel ch = remote.channel();
        ch.begin(ConditionCore.OP_WAIT, remote.objectId()).putLong(timeout);
        return ch.call("wait on " + name).get(0) == HostProtocol.STATUS_OK;
    }

    /** {@link #waitFor(BooleanSupplier, double)} with a {@link Duration}. */
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        return waitFor(predicate, timeout.toNanos() / 1e9);
    }

    /**
     * Python's {@code wait_for(predicate, timeout)}: waits until {@code predicate} (evaluated in
     * this process, with the lock held) is true or the timeout passes; returns its last value.
     */
    public boolean waitFor(BooleanSupplier predicate, double timeoutSeconds) throws InterruptedException {
        boolean forever = timeoutSeconds == Double.POSITIVE_INFINITY;
        long deadline = forever ? 0 : System.nanoTime() + (long) (Math.max(0, timeoutSeconds) * 1e9);
        boolean result = predicate.getAsBoolean();
        while (!result) {
            if (forever) {
                await();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                await(left / 1e9);
            }
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** {@code waitFor(predicate, None)}. */
    public boolean waitFor(BooleanSupplier predicate) throws InterruptedException {
        return waitFor(predicate, Double.POSITIVE_INFINITY);
    }

    /** Python's {@code notify()}: wakes one waiter. */
    public void signal() {
        signal(1);
    }

    /**
     * Python's {@code notify(n)}: wakes up to {@code n} waiters.
     *
     * @throws IllegalMonitorStateException if the caller does not hold the lock
     */
    public void signal(int n) {
        if (core != null) {
            core.notify(n, Caller.local());
            return;
        }
        HostChannel ch = remote.channel();
        ch.begin(ConditionCore.OP_NOTIFY, remote.objectId()).putInt(n);
        ch.callQuick("notify on " + name);
    }

    /** Python's {@code notify_all()}. */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /** Waiters currently queued (host JVM only; for tests and monitoring). */
    int waitingHere() {
        return core == null ? -1 : core.waiting();
    }

    @Serial
    private Object writeReplace() {
        RemoteRef ref = core != null ? ResourceHost.get().export(this, core, "Condition") : remote;
        return new SyncHandle(ref, SyncHandle.Kind.CONDITION, 0, lock);
    }

    @Override
    public String toString() {
        return "<" + name + "(" + lock + ")>";
    }
}

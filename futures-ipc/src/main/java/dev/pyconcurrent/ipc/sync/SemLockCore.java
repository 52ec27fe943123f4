package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostCall;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.HostedResource;
import dev.pyconcurrent.ipc.host.Waits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host-side state of a {@link Lock}, {@link RLock}, {@link Semaphore} or {@link BoundedSemaphore}:
 * one counting semaphore that is either plain or a recursive mutex.
 *
 * <p>CPython counterpart: {@code Modules/_multiprocessing/semaphore.c: SemLock} (kinds
 * {@code SEMAPHORE} and {@code RECURSIVE_MUTEX}, {@code maxvalue}, {@code count}, {@code last_tid})
 * behind {@code Lib/multiprocessing/synchronize.py}. The owner token ({@link Caller#owner()}) stands
 * for CPython's (pid, thread id).
 *
 * <h2>State and transitions</h2>
 * {@code value} free units; {@code owner}/{@code count}: the last acquirer and CPython's
 * {@code count} (recursion depth for a recursive mutex, acquisitions minus releases otherwise);
 * {@code held}: units each owner acquired and has not released (for holder-death release).
 * <pre>
 *   SEMAPHORE        acquire: wait value &gt; 0; value -= 1; owner = caller; count += 1; held[caller] += 1
 *                    release: value == maxvalue → IllegalStateException ("released too many times");
 *                             value += 1; count -= 1; held[caller] -= 1, or, if the caller holds none
 *                             (another process may release a Lock or Semaphore), the oldest holder's -= 1
 *   RECURSIVE_MUTEX  acquire: owner == caller → count += 1; else wait value &gt; 0; value = 0; owner = caller; count = 1
 *                    release: owner != caller → IllegalMonitorStateException; count -= 1; at 0: owner = null, value = 1
 *   ownerGone(o)     (o's connection ended: the process or thread died) every unit held[o] is released;
 *                    a recursive mutex owned by o is freed. CPython leaves them held forever.
 * </pre>
 * Caveat of the release-on-death rule: a semaphore used for signalling (one process acquires what
 * another released) gets its unit back when the acquirer dies. That is the right thing for locks
 * and resource counters and the wrong thing for a consumed signal; documented in the module doc.
 */
final class SemLockCore implements HostedResource {
    static final byte OP_ACQUIRE = HostProtocol.FIRST_RESOURCE_OP;
    static final byte OP_RELEASE = OP_ACQUIRE + 1;
    static final byte OP_STATE = OP_ACQUIRE + 2;

    /** CPython's SEM_VALUE_MAX on Linux. */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    enum Kind { SEMAPHORE, RECURSIVE_MUTEX }

    private final String name;
    final Kind kind;
    final int maxvalue;
    private final ReentrantLock mon = new ReentrantLock();
    private final Condition released = mon.newCondition();
    private final Map<Object, Integer> held = new LinkedHashMap<>();
    private int value;
    private Object owner;
    private int count;

    SemLockCore(String name, Kind kind, int value, int maxvalue) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0");
        }
        this.name = name;
        this.kind = kind;
        this.value = value;
        this.maxvalue = maxvalue;
    }

    @Override
    public String describe() {
        return name;
    }

    boolean acquire(long timeoutNanos, Caller caller) throws InterruptedException {
        Object me = caller.owner();
        mon.lock();
        try {
            if (kind == Kind.RECURSIVE_MUTEX && owner == me) {
                count++;
                return true;
            }
            if (!Waits.await(released, () -> value > 0, timeoutNanos, caller)) {
                return false;
            }
            value--;
            if (kind == Kind.RECURSIVE_MUTEX) {
                count = 1;
            } else {
                count++;
            }
            owner = me;
            held.merge(me, 1, Integer::sum);
            return true;
        } finally {
            mon.unlock();
        }
    }

    void release(Caller caller) {
        Object me = caller.owner();
        mon.lock();
        try {
            if (kind == Kind.RECURSIVE_MUTEX) {
                if (owner != me || count == 0) {
                    throw new IllegalMonitorStateException(
                            "attempt to release recursive lock not owned by " + caller.describe());
                }
                if (--count > 0) {
                    return;
                }
                owner = null;
                held.remove(me);
            } else {
                if (value >= maxvalue) {
                    throw new IllegalStateException("semaphore or lock released too many times");
                }
                count = Math.max(0, count - 1);
                if (!decrementHeld(me)) {
                    decrementOldestHolder();
                }
                if (count == 0) {
                    owner = null;
                }
            }
            value++;
            released.signal();
        } finally {
            mon.unlock();
        }
    }

    /** For Condition.wait: releases every recursion level the caller holds; returns how many. */
    int releaseFully(Caller caller) {
        mon.lock();
        try {
            checkMine(caller, "cannot wait on un-acquired lock");
            int levels = kind == Kind.RECURSIVE_MUTEX ? count : 1;
            count = kind == Kind.RECURSIVE_MUTEX ? 1 : count;
            release(caller);
            return levels;
        } finally {
            mon.unlock();
        }
    }

    /** For Condition.wait: re-acquires (without limit) and restores the recursion depth. */
    void reacquire(Caller caller, int levels) throws InterruptedException {
        acquire(HostProtocol.NO_TIMEOUT, caller);
        if (kind == Kind.RECURSIVE_MUTEX) {
            mon.lock();
            try {
                count = levels;
            } finally {
                mon.unlock();
            }
        }
    }

    /** CPython's {@code SemLock._is_mine()}: the caller is the last acquirer and it is still held. */
    boolean isMine(Caller caller) {
        mon.lock();
        try {
            return count > 0 && owner == caller.owner();
        } finally {
            mon.unlock();
        }
    }

    void checkMine(Caller caller, String message) {
        if (!isMine(caller)) {
            throw new IllegalMonitorStateException(message);
        }
    }

    /** {value, count, isMine}. */
    long[] state(Caller caller) {
        mon.lock();
        try {
            return new long[] {value, count, count > 0 && owner == caller.owner() ? 1 : 0};
        } finally {
            mon.unlock();
        }
    }

    @Override
    public void ownerGone(Object gone) {
        mon.lock();
        try {
            Integer units = held.remove(gone);
            if (kind == Kind.RECURSIVE_MUTEX) {
                if (owner == gone) {
                    owner = null;
                    count = 0;
                    value = 1;
                    released.signal();
                }
                return;
            }
            if (units != null && units > 0) {
                int give = Math.min(units, maxvalue - value);
                value += give;
                count = Math.max(0, count - give);
                for (int i = 0; i < give; i++) {
                    released.signal();
                }
            }
            if (owner == gone) {
                owner = null;
            }
        } finally {
            mon.unlock();
        }
    }

    private boolean decrementHeld(Object who) {
        Integer n = held.get(who);
        if (n == null) {
            return false;
        }
        if (n <= 1) {
            held.remove(who);
        } else {
            held.put(who, n - 1);
        }
        return true;
    }

    private void decrementOldestHolder() {
        Iterator<Map.Entry<Object, Integer>> it = held.entrySet().iterator();
        if (it.hasNext()) {
            Map.Entry<Object, Integer> e = it.next();
            if (e.getValue() <= 1) {
                it.remove();
            } else {
                e.setValue(e.getValue() - 1);
            }
        }
    }

    @Override
    public void serve(byte op, ByteBuffer args, HostCall call) throws IOException, InterruptedException {
        switch (op) {
            case OP_ACQUIRE -> call.answer(acquire(args.getLong(), call.caller()));
            case OP_RELEASE -> {
                release(call.caller());
                call.ok();
            }
            case OP_STATE -> {
                long[] s = state(call.caller());
                call.reply(HostProtocol.STATUS_OK).putLong(s[0]).putLong(s[1]).putLong(s[2]);
                call.send();
            }
            default -> throw new IllegalArgumentException(name + ": unknown op " + op);
        }
    }
}

package dev.pyconcurrent.ipc.sync;

import dev.pyconcurrent.ipc.host.Caller;
import dev.pyconcurrent.ipc.host.HostCall;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.HostedResource;
import dev.pyconcurrent.ipc.host.Waits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host-side state of a {@link Barrier}.
 *
 * <p>CPython counterpart: {@code Lib/threading.py: Barrier}, which
 * {@code Lib/multiprocessing/synchronize.py: Barrier} reuses over a shared condition and a shared
 * state array. Same state machine here:
 * <pre>
 *   FILLING   (parties arrive; count = arrived)
 *     --last party arrives: action runs (in the host), then--&gt; DRAINING (waiters leave with their index)
 *     --a wait times out / abort() / action throws / a remote waiter dies--&gt; BROKEN
 *     --reset() with waiters--&gt; RESETTING (waiters get BrokenBarrierException)
 *   DRAINING / RESETTING --last waiter leaves--&gt; FILLING
 *   BROKEN --reset()--&gt; FILLING (or RESETTING while broken waiters are still leaving)
 *   New arrivals wait while DRAINING or RESETTING; arriving at BROKEN throws.
 * </pre>
 * Java differs: the action runs in the host JVM (on the thread serving the last arrival), not in
 * the last arriving process; and a waiter whose process dies breaks the barrier (in CPython the
 * others would wait for their timeout or forever).
 */
final class BarrierCore implements HostedResource {
    static final byte OP_WAIT = HostProtocol.FIRST_RESOURCE_OP;
    static final byte OP_RESET = OP_WAIT + 1;
    static final byte OP_ABORT = OP_WAIT + 2;
    static final byte OP_STATE = OP_WAIT + 3;

    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private final String name;
    final int parties;
    private final Runnable action;
    /** Default timeout for wait() in wire form. */
    final long defaultTimeout;
    private final ReentrantLock mon = new ReentrantLock();
    private final Condition changed = mon.newCondition();
    private int state = FILLING;
    private int count;

    BarrierCore(String name, int parties, Runnable action, long defaultTimeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1");
        }
        this.name = name;
        this.parties = parties;
        this.action = action;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public String describe() {
        return name;
    }

    /** Returns this party's index (0 .. parties-1); the last to arrive gets parties-1. */
    int await(long timeoutNanos, Caller caller) throws InterruptedException, BrokenBarrierException {
        long timeout = timeoutNanos == Long.MIN_VALUE ? defaultTimeout : timeoutNanos;
        mon.lock();
        try {
            Waits.await(changed, () -> state == FILLING || state == BROKEN, HostProtocol.NO_TIMEOUT, caller);
            if (state == BROKEN) {
                throw new BrokenBarrierException(name + " is broken");
            }
            int index = count++;
            try {
                if (index + 1 == parties) {
                    trip();
                } else {
                    boolean left;
                    try {
                        left = Waits.await(changed, () -> state != FILLING, timeout, caller);
                    } catch (InterruptedException | RuntimeException e) {
                        breakBarrier();                     // a party that leaves early breaks it, as in threading
                        throw e;
                    }
                    if (!left) {
                        breakBarrier();
                        throw new BrokenBarrierException(name + ": timed out waiting for "
                                + (parties - count) + " more part" + (parties - count == 1 ? "y" : "ies"));
                    }
                    if (state < 0) {
                        throw new BrokenBarrierException(name + " is broken");
                    }
                }
                return index;
            } finally {
                count--;
                if (count == 0 && (state == RESETTING || state == DRAINING)) {
                    state = FILLING;
                    changed.signalAll();
                }
            }
        } finally {
            mon.unlock();
        }
    }

    private void trip() throws BrokenBarrierException {
        if (action != null) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                breakBarrier();
                throw e;
            }
        }
        state = DRAINING;
        changed.signalAll();
    }

    void reset() {
        mon.lock();
        try {
            if (count > 0) {
                state = state == FILLING || state == BROKEN ? RESETTING : FILLING;
            } else {
                state = FILLING;
            }
            changed.signalAll();
        } finally {
            mon.unlock();
        }
    }

    void abort() {
        mon.lock();
        try {
            breakBarrier();
        } finally {
            mon.unlock();
        }
    }

    private void breakBarrier() {
        state = BROKEN;
        changed.signalAll();
    }

    /** {nWaiting, broken}. */
    long[] state() {
        mon.lock();
        try {
            return new long[] {state == FILLING ? count : 0, state == BROKEN ? 1 : 0};
        } finally {
            mon.unlock();
        }
    }

    @Override
    public void serve(byte op, ByteBuffer args, HostCall call) throws IOException, InterruptedException {
        switch (op) {
            case OP_WAIT -> {
                int index;
                try {
                    index = await(args.getLong(), call.caller());
                } catch (BrokenBarrierException e) {
                    call.answer(false);
                    return;
                }
                call.okLong(index);
            }
            case OP_RESET -> {
                reset();
                call.ok();
            }
            case OP_ABORT -> {
                abort();
                call.ok();
            }
            case OP_STATE -> {
                long[] s = state();
                call.reply(HostProtocol.STATUS_OK).putLong(s[0]).putLong(s[1]);
                call.send();
            }
            default -> throw new IllegalArgumentException(name + ": unknown op " + op);
        }
    }
}

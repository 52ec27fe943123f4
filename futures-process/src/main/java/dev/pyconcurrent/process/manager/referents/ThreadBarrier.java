package dev.pyconcurrent.process.manager.referents;

import java.util.concurrent.BrokenBarrierException;

/**
 * The referent of a manager {@code Barrier}: CPython's {@code threading.Barrier(parties, action=None,
 * timeout=None)}, held by the server (without {@code action}: a manager cannot run a client's callable).
 *
 * <p>Same state machine as CPython (this object's monitor):
 * <pre>
 *   FILLING  (count parties have arrived)
 *     --last party arrives--&gt; DRAINING (every waiter leaves with its arrival index 0..parties-1)
 *     --a wait times out / abort()--&gt; BROKEN (every waiter and later arrival: BrokenBarrierException)
 *     --reset() while parties wait--&gt; RESETTING (those waiters get BrokenBarrierException)
 *   DRAINING / RESETTING --last waiter leaves--&gt; FILLING
 *   BROKEN --reset()--&gt; FILLING (RESETTING while broken waiters are still leaving)
 *   A party arriving while DRAINING or RESETTING waits for FILLING first.
 * </pre>
 */
public final class ThreadBarrier {
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = -1;
    private static final int BROKEN = -2;

    private final int parties;
    private final double defaultTimeout;
    private int state = FILLING;
    private int count;

    public ThreadBarrier(int parties, double defaultTimeoutSeconds) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1");
        }
        this.parties = parties;
        this.defaultTimeout = defaultTimeoutSeconds;
    }

    /** The server-side factory: {@code Barrier(parties)} or {@code Barrier(parties, timeout)}. */
    public static ThreadBarrier fromArgs(Object[] args) {
        double timeout = args.length > 1 && args[1] != null ? ((Number) args[1]).doubleValue() : -1;
        return new ThreadBarrier(((Number) args[0]).intValue(), timeout);
    }

    public int await() throws InterruptedException, BrokenBarrierException {
        return await(defaultTimeout);
    }

    /** Waits for all parties; returns this party's arrival index (0 for the first). */
    public synchronized int await(double timeoutSeconds) throws InterruptedException, BrokenBarrierException {
        long deadline = Timeouts.deadline(timeoutSeconds);
        while (state == DRAINING || state == RESETTING) {     // the previous cycle is still emptying
            if (!Timeouts.waitUntil(this, deadline)) {
                breakBarrier();
                throw new BrokenBarrierException("timed out waiting for the previous cycle to drain");
            }
        }
        if (state == BROKEN) {
            throw new BrokenBarrierException("the barrier is broken");
        }
        int index = count++;
        try {
            if (index + 1 == parties) {
                state = DRAINING;                              // the last party releases everyone
                notifyAll();
            } else {
                while (state == FILLING) {
                    if (!Timeouts.waitUntil(this, deadline)) {
                        breakBarrier();
                        break;
                    }
                }
                if (state != DRAINING) {
                    throw new BrokenBarrierException("the barrier was broken or reset while waiting");
                }
            }
            return index;
        } finally {
            if (--count == 0 && (state == DRAINING || state == RESETTING)) {
                state = FILLING;                               // the last one out re-opens the barrier
                notifyAll();
            }
        }
    }

    public synchronized void reset() {
        if (count > 0) {
            state = state == FILLING ? RESETTING : state == BROKEN ? RESETTING : state;
        } else {
            state = FILLING;
        }
        notifyAll();
    }

    public synchronized void abort() {
        breakBarrier();
    }

    private void breakBarrier() {
        state = BROKEN;
        notifyAll();
    }

    public int parties() {
        return parties;
    }

    public synchronized int nWaiting() {
        return state == FILLING ? count : 0;
    }

    public synchronized boolean isBroken() {
        return state == BROKEN;
    }

    @Override
    public synchronized String toString() {
        return "<threading.Barrier at 0x" + Integer.toHexString(System.identityHashCode(this))
                + (isBroken() ? ": broken>" : ": waiters=" + nWaiting() + "/" + parties + ">");
    }
}

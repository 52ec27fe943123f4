package dev.pyconcurrent.ipc.host;

import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/**
 * The one wait loop every hosted core uses.
 *
 * <p>Goals:
 * <ol>
 *   <li>Honour the caller's timeout exactly as CPython does: 0 means "test once", negative
 *       ({@link HostProtocol#NO_TIMEOUT}) means "forever", the condition is re-tested after every
 *       wake-up (spurious wake-ups are harmless).</li>
 *   <li>Never wait on behalf of a remote caller that is gone: the wait is cut into slices of at most
 *       {@link Caller#peerCheckNanos()} and between slices {@link Caller#checkStillWanted()} runs, so
 *       a dead or interrupted client frees its host thread (and its place in line) within about
 *       {@link HostProtocol#PEER_CHECK_NANOS}.</li>
 *   <li>Decide on the condition, not on the clock: if it became true as the deadline passed, the
 *       caller still wins (no lost hand-off).</li>
 * </ol>
 * The caller must hold the lock that {@code condition} belongs to.
 */
public final class Waits {
    private Waits() {
    }

    /**
     * Waits until {@code ready} is true or {@code timeoutNanos} passes.
     *
     * @return true if {@code ready} became true, false on timeout
     */
    public static boolean await(Condition condition, BooleanSupplier ready, long timeoutNanos, Caller caller)
            throws InterruptedException {
        if (ready.getAsBoolean()) {
            return true;
        }
        if (timeoutNanos == 0) {
            return false;
        }
        boolean forever = timeoutNanos < 0;
        long deadline = forever ? 0L : System.nanoTime() + timeoutNanos;
        long slice = caller.peerCheckNanos();
        while (true) {
            long left = forever ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                return ready.getAsBoolean();
            }
            long wait = Math.min(left, slice);
            if (wait == Long.MAX_VALUE) {
                condition.await();
            } else {
                condition.awaitNanos(wait);
            }
            if (ready.getAsBoolean()) {
                return true;
            }
            caller.checkStillWanted();
        }
    }
}

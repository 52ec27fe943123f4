package dev.pyconcurrent.process.manager.referents;

/**
 * Python's timeout arguments: seconds as a {@code double}, where a negative value (CPython's {@code -1} for locks,
 * {@code None} elsewhere) means "no timeout". Waits are done on an object's monitor, and the loop of each wait
 * re-reads the clock so spurious wake-ups never shorten or lengthen it.
 */
final class Timeouts {
    private Timeouts() {
    }

    /** A deadline in {@link System#nanoTime()} terms, or {@link Long#MAX_VALUE} for "forever". */
    static long deadline(double timeoutSeconds) {
        if (timeoutSeconds < 0 || Double.isInfinite(timeoutSeconds)) {
            return Long.MAX_VALUE;
        }
        return System.nanoTime() + (long) (timeoutSeconds * 1e9);
    }

    /**
     * Waits on {@code monitor} (held by the caller) until notified or the deadline passes.
     *
     * @return false if the deadline had already passed (the caller should give up)
     */
    static boolean waitUntil(Object monitor, long deadline) throws InterruptedException {
        if (deadline == Long.MAX_VALUE) {
            monitor.wait();
            return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        monitor.wait(left / 1_000_000, (int) (left % 1_000_000));
        return true;
    }

    static void checkBlocking(boolean blocking, double timeoutSeconds) {
        if (!blocking && timeoutSeconds >= 0) {
            throw new IllegalArgumentException("can't specify a timeout for a non-blocking call");
        }
    }
}

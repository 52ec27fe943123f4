package dev.pyconcurrent.process.manager.referents;

/**
 * The referent of a manager {@code Semaphore} or {@code BoundedSemaphore}: CPython's {@code threading.Semaphore}
 * and {@code threading.BoundedSemaphore}, held by the server.
 *
 * <p>States and transitions (this object's monitor): {@code value} free units.
 * <pre>
 *   acquire(): value &gt; 0 --&gt; value - 1; value == 0 --&gt; wait (false on timeout / non-blocking)
 *   release(): value + 1 and wake one waiter; a bounded semaphore at its initial value instead throws
 *              IllegalStateException "Semaphore released too many times" (CPython's ValueError)
 * </pre>
 */
public final class ThreadSemaphore {
    private final int initial;
    private final boolean bounded;
    private int value;

    public ThreadSemaphore(int value, boolean bounded) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0");
        }
        this.initial = value;
        this.value = value;
        this.bounded = bounded;
    }

    public static ThreadSemaphore fromArgs(Object[] args) {
        return new ThreadSemaphore(args.length == 0 ? 1 : ((Number) args[0]).intValue(), false);
    }

    public static ThreadSemaphore boundedFromArgs(Object[] args) {
        return new ThreadSemaphore(args.length == 0 ? 1 : ((Number) args[0]).intValue(), true);
    }

    public boolean acquire() throws InterruptedException {
        return acquire(true, -1);
    }

    public synchronized boolean acquire(boolean blocking, double timeoutSeconds) throws InterruptedException {
        Timeouts.checkBlocking(blocking, timeoutSeconds);
        long deadline = Timeouts.deadline(timeoutSeconds);
        while (value == 0) {
            if (!blocking || !Timeouts.waitUntil(this, deadline)) {
                return false;
            }
        }
        value--;
        return true;
    }

    public synchronized void release() {
        if (bounded && value >= initial) {
            throw new IllegalStateException("Semaphore released too many times");
        }
        value++;
        notify();
    }

    public synchronized int getValue() {
        return value;
    }

    @Override
    public synchronized String toString() {
        return "<threading." + (bounded ? "BoundedSemaphore" : "Semaphore") + " at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ": value=" + value
                + (bounded ? "/" + initial : "") + ">";
    }
}

package dev.pyconcurrent.futures;

/**
 * A one-flag latch that can be reset: CPython's {@code threading.Event}, as used by the waiters.
 *
 * <p>States: clear → set ({@link #set()}), set → clear ({@link #clear()}). {@link #await(boolean, long)} returns at once when
 * set, else blocks until set or the time runs out. Built on the object's monitor because it is tiny, private to one
 * wait()/asCompleted() call, and never contended by more than the completing threads.
 */
final class Event {
    private boolean flag;

    synchronized void set() {
        flag = true;
        notifyAll();
    }

    synchronized void clear() {
        flag = false;
    }

    synchronized boolean isSet() {
        return flag;
    }

    /**
     * @param timed    whether {@code deadline} applies
     * @param deadline a {@link System#nanoTime()} deadline
     * @return whether the flag is set on return
     */
    synchronized boolean await(boolean timed, long deadline) throws InterruptedException {
        while (!flag) {
            if (!timed) {
                wait();
            } else {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    return false;
                }
                // Object.wait takes millis + nanos; round up so we never spin on a sub-millisecond remainder.
                long millis = remaining / 1_000_000L;
                int nanos = (int) (remaining % 1_000_000L);
                wait(millis, nanos);
            }
        }
        return true;
    }
}

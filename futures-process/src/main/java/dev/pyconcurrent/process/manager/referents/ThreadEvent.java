package dev.pyconcurrent.process.manager.referents;

/**
 * The referent of a manager {@code Event}: CPython's {@code threading.Event}, held by the server.
 *
 * <p>Transitions (this object's monitor): {@code set()} UNSET → SET and wakes every waiter; {@code clear()}
 * SET → UNSET; {@code await(t)} returns the flag as it is when the wait ends. ({@code wait} is {@code await}:
 * {@code Object.wait} is final in Java.)
 */
public final class ThreadEvent {
    private boolean flag;

    public static ThreadEvent fromArgs(Object[] args) {
        return new ThreadEvent();
    }

    public synchronized void set() {
        flag = true;
        notifyAll();
    }

    public synchronized void clear() {
        flag = false;
    }

    public synchronized boolean isSet() {
        return flag;
    }

    public boolean await() throws InterruptedException {
        return await(-1);
    }

    public synchronized boolean await(double timeoutSeconds) throws InterruptedException {
        long deadline = Timeouts.deadline(timeoutSeconds);
        while (!flag) {
            if (!Timeouts.waitUntil(this, deadline)) {
                break;
            }
        }
        return flag;
    }

    @Override
    public synchronized String toString() {
        return "<threading.Event at 0x" + Integer.toHexString(System.identityHashCode(this)) + ": "
                + (flag ? "set" : "unset") + ">";
    }
}

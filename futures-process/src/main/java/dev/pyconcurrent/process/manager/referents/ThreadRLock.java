package dev.pyconcurrent.process.manager.referents;

/**
 * The referent of a manager {@code RLock}: CPython's {@code threading.RLock}, held by the server.
 *
 * <p>The owner is a server thread, and the server serves each client thread on its own connection and thread, so
 * the owner stands for one thread of one client process. States and transitions (this object's monitor):
 * <pre>
 *   FREE (owner null, count 0) --acquire() by T--&gt; OWNED(T, 1)
 *   OWNED(T, n) --acquire() by T--&gt; OWNED(T, n+1)
 *   OWNED(T, n) --acquire() by U--&gt; U waits until FREE (or false on timeout / non-blocking)
 *   OWNED(T, n) --release() by T--&gt; OWNED(T, n-1), or FREE at 0 (wakes one waiter)
 *   any other release() --&gt; IllegalMonitorStateException "cannot release un-acquired lock" (CPython's RuntimeError)
 * </pre>
 */
public final class ThreadRLock implements Acquirer {
    private Thread owner;
    private int count;

    public static ThreadRLock fromArgs(Object[] args) {
        return new ThreadRLock();
    }

    public boolean acquire() throws InterruptedException {
        return acquire(true, -1);
    }

    @Override
    public synchronized boolean acquire(boolean blocking, double timeoutSeconds) throws InterruptedException {
        Timeouts.checkBlocking(blocking, timeoutSeconds);
        Thread me = Thread.currentThread();
        if (owner == me) {
            count++;
            return true;
        }
        long deadline = Timeouts.deadline(timeoutSeconds);
        while (owner != null) {
            if (!blocking || !Timeouts.waitUntil(this, deadline)) {
                return false;
            }
        }
        owner = me;
        count = 1;
        return true;
    }

    @Override
    public synchronized void release() {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException("cannot release un-acquired lock");
        }
        if (--count == 0) {
            owner = null;
            notify();
        }
    }

    @Override
    public synchronized Object releaseSave() {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException("cannot release un-acquired lock");
        }
        int saved = count;
        count = 0;
        owner = null;
        notify();
        return saved;
    }

    @Override
    public synchronized void acquireRestore(Object saved) throws InterruptedException {
        while (owner != null) {
            wait();
        }
        owner = Thread.currentThread();
        count = (Integer) saved;
    }

    @Override
    public synchronized boolean isOwned() {
        return owner == Thread.currentThread();
    }

    @Override
    public synchronized String toString() {
        return "<" + (owner != null ? "locked" : "unlocked") + " _thread.RLock object owner="
                + (owner == null ? 0 : owner.getId()) + " count=" + count + ">";
    }
}

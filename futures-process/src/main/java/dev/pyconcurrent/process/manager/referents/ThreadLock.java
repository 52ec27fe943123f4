package dev.pyconcurrent.process.manager.referents;

/**
 * The referent of a manager {@code Lock}: CPython's {@code threading.Lock}, held by the server.
 *
 * <p>States and transitions (guarded by this object's monitor):
 * <pre>
 *   UNLOCKED --acquire()--&gt; LOCKED
 *   LOCKED   --acquire()--&gt; waits until UNLOCKED (or false on timeout / non-blocking)
 *   LOCKED   --release() by ANY thread--&gt; UNLOCKED (and wakes one waiter)
 *   UNLOCKED --release()--&gt; IllegalStateException "release unlocked lock" (CPython's RuntimeError)
 * </pre>
 * A plain lock has no owner, as in CPython: a thread (so a client process) other than the acquirer may release it.
 */
public final class ThreadLock implements Acquirer {
    private boolean locked;

    public static ThreadLock fromArgs(Object[] args) {
        return new ThreadLock();
    }

    public boolean acquire() throws InterruptedException {
        return acquire(true, -1);
    }

    @Override
    public synchronized boolean acquire(boolean blocking, double timeoutSeconds) throws InterruptedException {
        Timeouts.checkBlocking(blocking, timeoutSeconds);
        long deadline = Timeouts.deadline(timeoutSeconds);
        while (locked) {
            if (!blocking || !Timeouts.waitUntil(this, deadline)) {
                return false;
            }
        }
        locked = true;
        return true;
    }

    @Override
    public synchronized void release() {
        if (!locked) {
            throw new IllegalStateException("release unlocked lock");
        }
        locked = false;
        notify();
    }

    public synchronized boolean locked() {
        return locked;
    }

    @Override
    public Object releaseSave() {
        release();
        return null;
    }

    @Override
    public void acquireRestore(Object saved) throws InterruptedException {
        acquire(true, -1);
    }

    @Override
    public synchronized boolean isOwned() {
        return locked;                                     // CPython's fallback _is_owned: "is it locked at all"
    }

    @Override
    public synchronized String toString() {
        return "<" + (locked ? "locked" : "unlocked") + " _thread.lock object at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}

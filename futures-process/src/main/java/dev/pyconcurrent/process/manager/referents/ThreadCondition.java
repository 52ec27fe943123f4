package dev.pyconcurrent.process.manager.referents;

import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The referent of a manager {@code Condition}: CPython's {@code threading.Condition} over a {@link ThreadRLock}
 * (default) or a given {@link ThreadLock}/{@link ThreadRLock}, held by the server.
 *
 * <p>Each waiter gets its own parked semaphore, as CPython gives each waiter its own lock. A waiter's transitions:
 * <pre>
 *   await(t): caller must own the lock (else IllegalMonitorStateException "cannot wait on un-acquired lock")
 *     QUEUED (added to waiters BEFORE the lock is released, so no notify between the two can be missed)
 *     --signal(n) removes it and releases its semaphore--&gt; NOTIFIED --&gt; re-acquires the lock --&gt; true
 *     --timeout--&gt; removes itself (if still queued) --&gt; re-acquires the lock --&gt; false
 * </pre>
 * {@code waiters} is only touched by a thread that holds the lock (await re-acquires before cleaning up), exactly
 * CPython's reasoning; its own monitor is taken as well so that a plain {@link ThreadLock}, which has no owner,
 * cannot let two threads race on it.
 */
public final class ThreadCondition {
    private final Acquirer lock;
    private final ArrayDeque<Semaphore> waiters = new ArrayDeque<>();

    public ThreadCondition(Object lock) {
        if (lock == null) {
            this.lock = new ThreadRLock();
        } else if (lock instanceof Acquirer a) {
            this.lock = a;
        } else {
            throw new IllegalArgumentException("a Condition's lock must be a manager Lock or RLock, not "
                    + lock.getClass().getName());
        }
    }

    /** The server-side factory: {@code Condition()} or {@code Condition(lock)} (the lock's referent). */
    public static ThreadCondition fromArgs(Object[] args) {
        return new ThreadCondition(args.length == 0 ? null : args[0]);
    }

    public boolean acquire() throws InterruptedException {
        return lock.acquire(true, -1);
    }

    public boolean acquire(boolean blocking, double timeoutSeconds) throws InterruptedException {
        return lock.acquire(blocking, timeoutSeconds);
    }

    public void release() {
        lock.release();
    }

    public boolean await() throws InterruptedException {
        return await(-1);
    }

    public boolean await(double timeoutSeconds) throws InterruptedException {
        if (!lock.isOwned()) {
            throw new IllegalMonitorStateException("cannot wait on un-acquired lock");
        }
        Semaphore waiter = new Semaphore(0);
        synchronized (waiters) {
            waiters.addLast(waiter);
        }
        Object saved = lock.releaseSave();
        boolean notified = false;
        try {
            if (timeoutSeconds < 0) {
                waiter.acquire();
                notified = true;
            } else {
                notified = waiter.tryAcquire((long) (timeoutSeconds * 1e9), TimeUnit.NANOSECONDS);
            }
            return notified;
        } finally {
            lock.acquireRestore(saved);
            if (!notified) {
                synchronized (waiters) {
                    waiters.remove(waiter);
                }
            }
        }
    }

    public void signal() {
        signal(1);
    }

    /** CPython's {@code notify(n)} ({@code notify} itself is final in {@code java.lang.Object}). */
    public void signal(int n) {
        if (!lock.isOwned()) {
            throw new IllegalMonitorStateException("cannot notify on un-acquired lock");
        }
        synchronized (waiters) {
            for (int i = 0; i < n && !waiters.isEmpty(); i++) {
                waiters.removeFirst().release();
            }
        }
    }

    /** CPython's {@code notify_all()}. */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
        int n;
        synchronized (waiters) {
            n = waiters.size();
        }
        return "<Condition(" + lock + ", " + n + ")>";
    }
}

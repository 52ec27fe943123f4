package dev.pyconcurrent.process.manager.referents;

/**
 * What {@link ThreadCondition} needs from its lock: CPython's {@code threading.Condition} uses the lock's
 * {@code _release_save}, {@code _acquire_restore} and {@code _is_owned} when they exist (an {@code RLock}) and plain
 * release/acquire otherwise.
 */
interface Acquirer {
    boolean acquire(boolean blocking, double timeoutSeconds) throws InterruptedException;

    void release();

    /** Releases completely and returns what {@link #acquireRestore} needs to take it back. */
    Object releaseSave();

    void acquireRestore(Object saved) throws InterruptedException;

    /** Whether the calling thread may wait/notify (for a plain lock: whether it is locked at all). */
    boolean isOwned();
}

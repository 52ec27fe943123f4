package dev.pyconcurrent.ipc.sync;

/**
 * A mutual-exclusion lock usable as the lock of a {@link Condition} or of a shared
 * {@code Value}/{@code Array}: {@link Lock} or {@link RLock}.
 */
public sealed interface SyncLock extends Acquirable permits Lock, RLock {

    /** True if some process or thread holds it. */
    boolean locked();
}

package dev.pyconcurrent.ipc.host;

/**
 * Who is calling a hosted object's core: a thread of the host JVM itself ({@link #local()}) or a
 * remote thread whose requests arrive over one connection (a {@link HostSession}).
 *
 * <p>The caller is the <em>owner token</em> for lock ownership: CPython's {@code SemLock} records
 * (pid, thread id) of the holder; here a local thread is its own token and a remote thread is the
 * session of its dedicated connection, which is exactly (its pid, its thread). When a session ends
 * (the remote process or thread died), the host releases what that token still holds.
 *
 * <p>A core blocks with {@link Waits#await}, which waits at most {@link #peerCheckNanos()} at a
 * time and then calls {@link #checkStillWanted()}, so a remote waiter that died or was interrupted
 * is noticed within a bounded time.
 */
public interface Caller {

    /** The lock-ownership token of this caller (identity matters). */
    Object owner();

    /** For messages: e.g. {@code "process 1234 thread main"}. */
    String describe();

    /** Longest single wait before {@link #checkStillWanted()} must run; {@code Long.MAX_VALUE} for none. */
    long peerCheckNanos();

    /**
     * Throws if the caller no longer wants the result: {@link InterruptedException} when a remote
     * caller cancelled (it was interrupted), {@link PeerGoneException} when its connection ended.
     */
    void checkStillWanted() throws InterruptedException;

    /** The caller for the current thread of this JVM. */
    static Caller local() {
        return LocalCaller.current();
    }

    /** A remote caller's connection ended while a host thread was serving it. */
    final class PeerGoneException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PeerGoneException(String message) {
            super(message, null, false, false);
        }
    }
}

package dev.pyconcurrent.ipc.host;

/**
 * {@link Caller} for a thread of the host JVM: the thread is its own owner token, waits are not
 * sliced (the JVM interrupts the thread directly), and it is always "still wanted".
 */
final class LocalCaller implements Caller {
    private static final ThreadLocal<LocalCaller> CURRENT = ThreadLocal.withInitial(LocalCaller::new);

    private final Thread thread = Thread.currentThread();

    static LocalCaller current() {
        return CURRENT.get();
    }

    @Override
    public Object owner() {
        return thread;
    }

    @Override
    public String describe() {
        return "process " + ProcessHandle.current().pid() + " thread " + thread.getName();
    }

    @Override
    public long peerCheckNanos() {
        return Long.MAX_VALUE;
    }

    @Override
    public void checkStillWanted() {
        // a local thread is interrupted directly by the JVM
    }
}

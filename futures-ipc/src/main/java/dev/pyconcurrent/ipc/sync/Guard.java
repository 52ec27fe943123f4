package dev.pyconcurrent.ipc.sync;

/**
 * Holds an acquisition until {@link #close()}: Python's {@code with lock:} as try-with-resources.
 * <pre>{@code
 *   try (Guard g = lock.guard()) {
 *       // critical section; g.acquired() is true, as "with lock as x" binds x = True
 *   }
 * }</pre>
 * CPython counterpart: {@code SemLock.__enter__/__exit__} in {@code Lib/multiprocessing/synchronize.py}.
 * Closing twice releases once.
 */
public final class Guard implements AutoCloseable {
    private final Acquirable target;
    private boolean open = true;

    Guard(Acquirable target) {
        this.target = target;
    }

    /** Always true: a guard exists only once the acquisition succeeded. */
    public boolean acquired() {
        return true;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            target.release();
        }
    }
}

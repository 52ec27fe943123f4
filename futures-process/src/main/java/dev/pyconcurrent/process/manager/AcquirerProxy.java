package dev.pyconcurrent.process.manager;

/**
 * A proxy for a manager {@code Lock}, {@code RLock}, {@code Semaphore} or {@code BoundedSemaphore}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: AcquirerProxy} ({@code acquire(blocking=True,
 * timeout=None)}, {@code release()}, {@code __enter__}/{@code __exit__}). The {@code with} form is
 * {@code try (var held = lock.hold()) { ... }}. Errors are the referent's: releasing an unlocked {@code Lock}
 * throws {@link IllegalStateException} (CPython's {@code RuntimeError}), releasing an {@code RLock} another thread
 * owns throws {@link IllegalMonitorStateException}, over-releasing a {@code BoundedSemaphore} throws
 * {@link IllegalStateException} (CPython's {@code ValueError}).
 */
public class AcquirerProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    public AcquirerProxy(ProxySpec spec) {
        super(spec);
    }

    /** Blocks until acquired. */
    public boolean acquire() {
        return (Boolean) call("acquire");
    }

    /** {@code acquire(blocking)}: without blocking, false when not available now. */
    public boolean acquire(boolean blocking) {
        return (Boolean) call("acquire", blocking, -1.0);
    }

    /** {@code acquire(timeout=seconds)}: false if not acquired in time. */
    public boolean acquire(double timeoutSeconds) {
        return (Boolean) call("acquire", true, timeoutSeconds);
    }

    public void release() {
        call("release");
    }

    /** Acquires and returns a handle whose {@code close()} releases: the {@code with lock:} form. */
    public Held hold() {
        acquire();
        return this::release;
    }

    /** An acquired lock; closing releases it. */
    @FunctionalInterface
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }
}

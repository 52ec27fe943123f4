package dev.pyconcurrent.process.manager;

import java.util.function.BooleanSupplier;

/**
 * A proxy for a manager {@code Condition}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: ConditionProxy} ({@code wait}, {@code notify},
 * {@code notify_all}, and {@code wait_for} run on the client: the predicate is local code). Java names:
 * {@code await}/{@code signal}/{@code signalAll}, since {@code Object.wait/notify/notifyAll} are final. The
 * caller must hold the condition's lock ({@link #acquire()}), otherwise the server throws
 * {@link IllegalMonitorStateException} (CPython's {@code RuntimeError}).
 */
public class ConditionProxy extends AcquirerProxy {
    private static final long serialVersionUID = 1L;

    public ConditionProxy(ProxySpec spec) {
        super(spec);
    }

    /** Waits until signalled. */
    public boolean await() {
        return (Boolean) call("await");
    }

    /** Waits until signalled or {@code timeoutSeconds} pass; false on timeout. */
    public boolean await(double timeoutSeconds) {
        return (Boolean) call("await", timeoutSeconds);
    }

    public void signal() {
        call("signal");
    }

    public void signal(int n) {
        call("signal", n);
    }

    public void signalAll() {
        call("signalAll");
    }

    /**
     * CPython's {@code wait_for(predicate, timeout)}: waits until {@code predicate} (evaluated here, with the lock
     * held) is true or the time is up (negative: no limit); returns the predicate's last value.
     */
    public boolean waitFor(BooleanSupplier predicate, double timeoutSeconds) {
        boolean result = predicate.getAsBoolean();
        if (result) {
            return true;
        }
        long deadline = timeoutSeconds < 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (!result) {
            if (deadline != Long.MAX_VALUE) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                await(left / 1e9);
            } else {
                await();
            }
            result = predicate.getAsBoolean();
        }
        return result;
    }
}

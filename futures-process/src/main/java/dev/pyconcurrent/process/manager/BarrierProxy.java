package dev.pyconcurrent.process.manager;

import java.util.concurrent.BrokenBarrierException;

/**
 * A proxy for a manager {@code Barrier}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: BarrierProxy} ({@code wait}, {@code abort},
 * {@code reset}, {@code parties}, {@code n_waiting}, {@code broken}); {@code threading.BrokenBarrierError} is
 * {@link BrokenBarrierException}. {@code wait} is {@code await} here.
 */
public class BarrierProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    public BarrierProxy(ProxySpec spec) {
        super(spec);
    }

    /** Waits for every party; returns this party's arrival index (0 first). */
    public int await() throws BrokenBarrierException {
        return (Integer) callBarrier("await");
    }

    public int await(double timeoutSeconds) throws BrokenBarrierException {
        return (Integer) callBarrier("await", timeoutSeconds);
    }

    public void reset() {
        call("reset");
    }

    public void abort() {
        call("abort");
    }

    public int parties() {
        return (Integer) call("parties");
    }

    public int nWaiting() {
        return (Integer) call("nWaiting");
    }

    public boolean isBroken() {
        return (Boolean) call("isBroken");
    }

    private Object callBarrier(String method, Object... args) throws BrokenBarrierException {
        try {
            return callMethod(method, args);
        } catch (BrokenBarrierException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.lang.reflect.UndeclaredThrowableException(e);
        }
    }
}

package dev.pyconcurrent.process.manager;

/**
 * A proxy for a manager {@code Event}.
 *
 * <p>CPython counterpart: the {@code EventProxy} of {@code Lib/multiprocessing/managers.py}
 * ({@code MakeProxyType('EventProxy', ('is_set', 'set', 'clear', 'wait'))}). {@code wait} is {@code await} here.
 */
public class EventProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    public EventProxy(ProxySpec spec) {
        super(spec);
    }

    public boolean isSet() {
        return (Boolean) call("isSet");
    }

    public void set() {
        call("set");
    }

    public void clear() {
        call("clear");
    }

    /** Waits until set; returns true. */
    public boolean await() {
        return (Boolean) call("await");
    }

    /** Waits until set or {@code timeoutSeconds} pass; returns the flag. */
    public boolean await(double timeoutSeconds) {
        return (Boolean) call("await", timeoutSeconds);
    }
}

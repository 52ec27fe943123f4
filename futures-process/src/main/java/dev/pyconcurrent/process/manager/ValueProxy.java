package dev.pyconcurrent.process.manager;

/**
 * A proxy for a manager {@code Value}.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: ValueProxy} ({@code get}, {@code set}, and the
 * {@code value} property: {@code x.value = 3.14} is {@code x.set(3.14)}). Unlike {@code multiprocessing.Value}
 * nothing is in shared memory and the typecode is only a label; every access is a call to the server.
 * {@code toString()} is CPython's {@code str(proxy)}: {@code Value('d', 3.14)}.
 *
 * @param <T> the value's type
 */
public class ValueProxy<T> extends BaseProxy {
    private static final long serialVersionUID = 1L;

    public ValueProxy(ProxySpec spec) {
        super(spec);
    }

    @SuppressWarnings("unchecked")
    public T get() {
        return (T) call("get");
    }

    public void set(T value) {
        call("set", value);
    }

    @Override
    public String toString() {
        return str();
    }
}

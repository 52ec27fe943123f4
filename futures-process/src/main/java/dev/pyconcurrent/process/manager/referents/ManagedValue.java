package dev.pyconcurrent.process.manager.referents;

/**
 * The referent of a manager {@code Value}: a typecode and a value, nothing shared in memory.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: Value} ({@code get}, {@code set}, the
 * {@code value} property, {@code repr} {@code Value('d', 3.14)}). As there the typecode is only a label: the value is
 * not checked or converted (unlike {@code multiprocessing.Value}, which is ctypes memory), and the {@code lock}
 * argument is ignored.
 */
public final class ManagedValue implements java.io.Serializable, ValueCopy {
    private static final long serialVersionUID = 1L;

    private final String typecode;
    private Object value;

    public ManagedValue(String typecode, Object value) {
        this.typecode = typecode;
        this.value = value;
    }

    /** The server-side factory: {@code Value(typecode, value)}. */
    public static ManagedValue fromArgs(Object[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("Value() needs a typecode and a value");
        }
        return new ManagedValue(String.valueOf(args[0]), args[1]);
    }

    public synchronized Object get() {
        return value;
    }

    public synchronized void set(Object value) {
        this.value = value;
    }

    @Override
    public Object copyValue() {
        return get();
    }

    @Override
    public synchronized String toString() {
        return "Value(" + PyRepr.string(typecode) + ", " + PyRepr.repr(value) + ")";
    }
}

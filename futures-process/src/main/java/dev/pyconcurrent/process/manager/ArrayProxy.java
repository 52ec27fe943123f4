package dev.pyconcurrent.process.manager;

import java.util.List;

/**
 * A proxy for a manager {@code Array} (an {@code array.array} in the server).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: ArrayProxy} ({@code __len__},
 * {@code __getitem__}, {@code __setitem__}). A value that does not fit the typecode throws
 * {@link IllegalArgumentException}; negative indexes count from the end. {@code toString()} is CPython's
 * {@code print(arr)}: {@code array('i', [5, 1, 2])}.
 */
public class ArrayProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    public ArrayProxy(ProxySpec spec) {
        super(spec);
    }

    public int length() {
        return (Integer) call("len");
    }

    public Number get(int index) {
        return (Number) call("getItem", index);
    }

    public void set(int index, Number value) {
        call("setItem", index, value);
    }

    /** {@code arr[:]}: a plain list. */
    @SuppressWarnings("unchecked")
    public List<Number> toList() {
        return (List<Number>) call("tolist");
    }

    @Override
    public String toString() {
        return str();
    }
}

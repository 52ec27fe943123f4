package dev.pyconcurrent.process.manager.referents;

import dev.pyconcurrent.ipc.shared.TypeCode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The referent of a manager {@code Array}: a typed array of numbers held by the server.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: Array}, which returns an {@code array.array}
 * (exposed through {@code ArrayProxy}: {@code __len__}, {@code __getitem__}, {@code __setitem__}); {@code repr}
 * {@code array('i', [5, 1, 2])}. Values are stored in a buffer of the typecode's width through
 * {@link TypeCode}, so a value that does not fit fails as in CPython ({@code OverflowError}/{@code TypeError}
 * there, {@link IllegalArgumentException} here). Negative indexes count from the end.
 */
public final class ManagedArray implements ValueCopy {

    private final TypeCode type;
    private final int length;
    private final ByteBuffer data;

    public ManagedArray(char typecode, Collection<? extends Number> initial) {
        this.type = TypeCode.of(typecode);
        this.length = initial.size();
        this.data = ByteBuffer.allocateDirect(Math.max(1, length * type.size()));
        int i = 0;
        for (Number n : initial) {
            store(i++, n);
        }
    }

    /** The server-side factory: {@code Array(typecode, sequence)}. */
    @SuppressWarnings("unchecked")
    public static ManagedArray fromArgs(Object[] args) {
        if (args.length < 2 || !(args[1] instanceof Collection<?>)) {
            throw new IllegalArgumentException("Array() needs a typecode and a sequence of numbers");
        }
        String code = String.valueOf(args[0]);
        if (code.length() != 1) {
            throw new IllegalArgumentException("array() argument 1 must be a unicode character, not '" + code + "'");
        }
        return new ManagedArray(code.charAt(0), (Collection<? extends Number>) args[1]);
    }

    public int len() {
        return length;
    }

    public char typecode() {
        return type.code();
    }

    public synchronized Number getItem(int index) {
        return type.getVolatile(data, position(index) * type.size());
    }

    public synchronized void setItem(int index, Number value) {
        store(position(index), value);
    }

    /** {@code arr[:]} as a plain list. */
    public synchronized ArrayList<Number> tolist() {
        ArrayList<Number> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(type.getVolatile(data, i * type.size()));
        }
        return out;
    }

    @Override
    public ArrayList<Number> copyValue() {
        return tolist();
    }

    private void store(int index, Number value) {
        if (value == null) {
            throw new IllegalArgumentException("an array of '" + type.code() + "' cannot hold None");
        }
        if (!type.isFloatingPoint() && (value instanceof Double || value instanceof Float)) {
            throw new IllegalArgumentException("'float' object cannot be interpreted as an integer");
        }
        type.setVolatile(data, index * type.size(), value);
    }

    private int position(int index) {
        int at = index < 0 ? index + length : index;
        if (at < 0 || at >= length) {
            throw new IndexOutOfBoundsException("array index out of range: " + index + " (length " + length + ")");
        }
        return at;
    }

    @Override
    public synchronized String toString() {
        List<Number> values = tolist();
        return "array(" + PyRepr.string(String.valueOf(type.code())) + (values.isEmpty() ? ")"
                : ", " + PyRepr.repr(values) + ")");
    }
}

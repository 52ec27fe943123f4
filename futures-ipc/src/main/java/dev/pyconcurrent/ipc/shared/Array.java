package dev.pyconcurrent.ipc.shared;

import dev.pyconcurrent.ipc.sync.SyncLock;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fixed-length array of numbers in shared memory, visible to every process it is passed to.
 *
 * <p>CPython counterpart: {@code multiprocessing.Array(typecode, size_or_initializer, lock=True)}
 * ({@code Lib/multiprocessing/sharedctypes.py}). The article's example in Java:
 * <pre>{@code
 *   Array arr = new Array('i', List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));   // Array('i', range(10))
 *   arr.set(0, 5);                                                      // arr[0] = 5
 *   List<Number> all = arr.toList();                                    // arr[:]
 *   List<Number> part = arr.slice(2, 5);                                // arr[2:5]
 *   arr.setSlice(2, List.of(7, 7));                                     // arr[2:4] = [7, 7]
 * }</pre>
 * An array made from a size is zero-filled (a fresh file, never reused memory: CPython issue
 * 11675). Lock rules and memory order as for {@link Value}: each element access is one volatile
 * access; use {@link #getLock()} around compound updates. Indexes are Java-style: negative ones
 * throw {@link IndexOutOfBoundsException} rather than counting from the end.
 */
public final class Array extends SharedObject {
    @Serial
    private static final long serialVersionUID = 1L;

    /** {@code Array(typecode, size)}: {@code size} zeros, with a new RLock. */
    public Array(char typecode, int size) {
        this(typecode, size, null, null);
    }

    /** {@code lock=true}: new RLock; {@code lock=false}: raw array (CPython's {@code RawArray}). */
    public Array(char typecode, int size, boolean lock) {
        this(typecode, size, null, lock);
    }

    public Array(char typecode, int size, SyncLock lock) {
        this(typecode, size, null, Objects.requireNonNull(lock, "lock"));
    }

    /** {@code Array(typecode, initializer)}: the length is the initializer's. */
    public Array(char typecode, List<? extends Number> initializer) {
        this(typecode, initializer.size(), initializer, null);
    }

    public Array(char typecode, List<? extends Number> initializer, boolean lock) {
        this(typecode, initializer.size(), initializer, lock);
    }

    public Array(char typecode, List<? extends Number> initializer, SyncLock lock) {
        this(typecode, initializer.size(), initializer, Objects.requireNonNull(lock, "lock"));
    }

    private Array(char typecode, int size, List<? extends Number> init, Object lock) {
        super(TypeCode.of(typecode), size, lock);
        if (init != null) {
            setSlice(0, init);
        }
    }

    Array(SharedMemory memory, SyncLock lock, long creatorPid) {
        super(memory, lock, creatorPid);
    }

    /** {@code len(arr)}. */
    public int length() {
        return memory.length;
    }

    /** {@code arr[i]} (volatile read). */
    public Number get(int index) {
        return memory.getVolatile(index);
    }

    /** {@code arr[i] = v} (volatile write). */
    public void set(int index, Number value) {
        memory.setVolatile(index, value);
    }

    public long getLong(int index) {
        return get(index).longValue();
    }

    public double getDouble(int index) {
        return get(index).doubleValue();
    }

    /** {@code arr[from:to]} as a new list (clamped to the array, as Python slices are). */
    public List<Number> slice(int from, int to) {
        int lo = Math.max(0, Math.min(from, length()));
        int hi = Math.max(lo, Math.min(to, length()));
        List<Number> out = new ArrayList<>(hi - lo);
        for (int i = lo; i < hi; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** {@code arr[:]}. */
    public List<Number> toList() {
        return slice(0, length());
    }

    /**
     * {@code arr[from:from+len(values)] = values}.
     *
     * @throws IndexOutOfBoundsException if the values do not fit (Python: {@code ValueError}, a
     *         slice assignment cannot resize a shared array)
     */
    public void setSlice(int from, List<? extends Number> values) {
        if (from < 0 || from + values.size() > length()) {
            throw new IndexOutOfBoundsException("cannot assign " + values.size() + " values at index " + from
                    + " of an array of length " + length());
        }
        for (int i = 0; i < values.size(); i++) {
            set(from + i, values.get(i));
        }
    }

    @Override
    public String toString() {
        return "<Array('" + typecode() + "', " + toList() + ")>";
    }
}

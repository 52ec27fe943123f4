package dev.pyconcurrent.ipc.shared;

import dev.pyconcurrent.ipc.sync.SyncLock;
import java.io.Serial;

/**
 * One number in shared memory, visible to every process it is passed to.
 *
 * <p>CPython counterpart: {@code multiprocessing.Value(typecode, *args, lock=True)}
 * ({@code Lib/multiprocessing/sharedctypes.py}), as in the article's example
 * {@code num = Value('d', 0.0)} … {@code num.value = 3.14}; here {@code num.set(3.14)} and
 * {@code num.get()}. Typecodes and sizes: {@link TypeCode}.
 *
 * <p>The lock: {@code lock=true} (default) makes a new {@link dev.pyconcurrent.ipc.sync.RLock}
 * (CPython's default), a {@link SyncLock} is used as given, {@code lock=false} gives a raw value
 * whose {@link #getLock()} throws. Java differs: {@link #get()}/{@link #set} do not take the lock
 * (CPython's {@code Synchronized.value} does, for each access separately); each is a single
 * volatile access, already atomic, and taking a cross-process lock for it would cost a round trip.
 * As in CPython, a compound update ({@code v.value += 1}) needs the lock held around it:
 * <pre>{@code try (Guard g = v.getLock().guard()) { v.setLong(v.getLong() + 1); }}</pre>
 */
public final class Value extends SharedObject {
    @Serial
    private static final long serialVersionUID = 1L;

    /** {@code Value(typecode, initial)} with a new RLock. */
    public Value(char typecode, Number initial) {
        this(typecode, initial, (Object) null);
    }

    /** {@code lock=true}: a new RLock; {@code lock=false}: a raw value without lock. */
    public Value(char typecode, Number initial, boolean lock) {
        this(typecode, initial, (Object) lock);
    }

    /** Uses {@code lock} (a Lock or RLock, possibly shared with other objects). */
    public Value(char typecode, Number initial, SyncLock lock) {
        this(typecode, initial, (Object) java.util.Objects.requireNonNull(lock, "lock"));
    }

    private Value(char typecode, Number initial, Object lock) {
        super(TypeCode.of(typecode), 1, lock);
        if (initial != null) {
            memory.setVolatile(0, initial);
        }
    }

    Value(SharedMemory memory, SyncLock lock, long creatorPid) {
        super(memory, lock, creatorPid);
    }

    /** Volatile read; the boxed type follows {@link TypeCode}. */
    public Number get() {
        return memory.getVolatile(0);
    }

    /**
     * Volatile write.
     *
     * @throws IllegalArgumentException if {@code value} does not fit the typecode
     */
    public void set(Number value) {
        memory.setVolatile(0, value);
    }

    public long getLong() {
        return get().longValue();
    }

    public void setLong(long value) {
        set(value);
    }

    public double getDouble() {
        return get().doubleValue();
    }

    public void setDouble(double value) {
        set(value);
    }

    @Override
    public String toString() {
        return "<Value('" + typecode() + "', " + get() + ")>";
    }
}

package dev.pyconcurrent.ipc.shared;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The element types of {@link Value} and {@link Array}, by CPython's {@code array}-module typecode,
 * with the sizes CPython uses on 64-bit Linux (LP64) and native byte order, so a Java process and
 * a C/ctypes reader agree on the layout.
 *
 * <table>
 *   <caption>Typecodes</caption>
 *   <tr><th>code</th><th>C type</th><th>article's minimum size</th><th>size here</th><th>Java value</th></tr>
 *   <tr><td>b</td><td>signed char</td><td>1</td><td>1</td><td>byte range, as {@code Integer}</td></tr>
 *   <tr><td>B</td><td>unsigned char</td><td>1</td><td>1</td><td>0..255 as {@code Integer} (Java has no unsigned byte)</td></tr>
 *   <tr><td>h</td><td>signed short</td><td>2</td><td>2</td><td>{@code Integer}</td></tr>
 *   <tr><td>H</td><td>unsigned short</td><td>2</td><td>2</td><td>0..65535 as {@code Integer}</td></tr>
 *   <tr><td>i</td><td>signed int</td><td>2</td><td>4</td><td>{@code Integer}</td></tr>
 *   <tr><td>I</td><td>unsigned int</td><td>2</td><td>4</td><td>0..2^32-1 as {@code Long}</td></tr>
 *   <tr><td>l</td><td>signed long</td><td>4</td><td>8 (LP64)</td><td>{@code Long}</td></tr>
 *   <tr><td>L</td><td>unsigned long</td><td>4</td><td>8 (LP64)</td><td>{@code Long} holding the 64 bits (read with {@link Long#toUnsignedString})</td></tr>
 *   <tr><td>q</td><td>signed long long</td><td>8</td><td>8</td><td>{@code Long}</td></tr>
 *   <tr><td>Q</td><td>unsigned long long</td><td>8</td><td>8</td><td>{@code Long} holding the 64 bits</td></tr>
 *   <tr><td>f</td><td>float</td><td>4</td><td>4</td><td>{@code Float}</td></tr>
 *   <tr><td>d</td><td>double</td><td>8</td><td>8</td><td>{@code Double}</td></tr>
 * </table>
 * The article's column is the C standard's <em>minimum</em>; CPython uses the platform's real
 * sizes, and so does this class (on 64-bit Linux, {@code i} is 4 bytes and {@code l} is 8). Where
 * Java's own types differ: Java has no unsigned integers, so {@code B}, {@code H} and {@code I} are
 * widened to the next signed type and {@code L}/{@code Q} keep their bits in a {@code long}.
 * {@code u} (wchar) and {@code c} (char) are not supported.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/sharedctypes.py: typecode_to_type}. Java
 * differs: a value out of range throws {@link IllegalArgumentException} (ctypes silently
 * truncates, {@code c_byte(300).value == 44}).
 *
 * <p>Memory order (Agrona style, named by the method): {@link #getVolatile}/{@link #setVolatile}
 * are volatile accesses through {@link MethodHandles#byteBufferViewVarHandle} views for 4- and
 * 8-byte types; 1- and 2-byte types have no volatile view access in the JDK, so they use plain
 * access bracketed by {@link VarHandle#acquireFence()}/{@link VarHandle#releaseFence()} (aligned
 * 1- and 2-byte accesses are single instructions, so they are still never torn).
 */
public enum TypeCode {
    BYTE('b', 1), UNSIGNED_BYTE('B', 1), SHORT('h', 2), UNSIGNED_SHORT('H', 2),
    INT('i', 4), UNSIGNED_INT('I', 4), LONG('l', 8), UNSIGNED_LONG('L', 8),
    LONG_LONG('q', 8), UNSIGNED_LONG_LONG('Q', 8), FLOAT('f', 4), DOUBLE('d', 8);

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ORDER);
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ORDER);
    private static final VarHandle FLOATS = MethodHandles.byteBufferViewVarHandle(float[].class, ORDER);
    private static final VarHandle DOUBLES = MethodHandles.byteBufferViewVarHandle(double[].class, ORDER);

    private final char code;
    private final int size;

    TypeCode(char code, int size) {
        this.code = code;
        this.size = size;
    }

    public char code() {
        return code;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE;
    }

    /**
     * The type for a CPython typecode.
     *
     * @throws IllegalArgumentException {@code "bad typecode"} (CPython: {@code TypeError}) for anything else
     */
    public static TypeCode of(char code) {
        for (TypeCode t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("bad typecode '" + code + "' (must be one of b B h H i I l L q Q f d)");
    }

    /** Volatile read of the element at byte {@code offset}, boxed as the class comment says. */
    public Number getVolatile(ByteBuffer buf, int offset) {
        switch (this) {
            case BYTE, UNSIGNED_BYTE, SHORT, UNSIGNED_SHORT -> {
                int v = this == BYTE ? buf.get(offset) : this == UNSIGNED_BYTE ? buf.get(offset) & 0xff
                        : this == SHORT ? buf.getShort(offset) : buf.getShort(offset) & 0xffff;
                VarHandle.acquireFence();
                return v;
            }
            case INT -> {
                return (int) INTS.getVolatile(buf, offset);
            }
            case UNSIGNED_INT -> {
                return Integer.toUnsignedLong((int) INTS.getVolatile(buf, offset));
            }
            case FLOAT -> {
                return (float) FLOATS.getVolatile(buf, offset);
            }
            case DOUBLE -> {
                return (double) DOUBLES.getVolatile(buf, offset);
            }
            default -> {
                return (long) LONGS.getVolatile(buf, offset);
            }
        }
    }

    /**
     * Volatile write of {@code value} at byte {@code offset}.
     *
     * @throws IllegalArgumentException if {@code value} does not fit this type
     */
    public void setVolatile(ByteBuffer buf, int offset, Number value) {
        switch (this) {
            case BYTE, UNSIGNED_BYTE, SHORT, UNSIGNED_SHORT -> {
                long v = integral(value);
                VarHandle.releaseFence();
                if (size == 1) {
                    buf.put(offset, (byte) v);
                } else {
                    buf.putShort(offset, (short) v);
                }
                VarHandle.fullFence();
            }
            case INT, UNSIGNED_INT -> INTS.setVolatile(buf, offset, (int) integral(value));
            case FLOAT -> FLOATS.setVolatile(buf, offset, value.floatValue());
            case DOUBLE -> DOUBLES.setVolatile(buf, offset, value.doubleValue());
            default -> LONGS.setVolatile(buf, offset, integral(value));
        }
    }

    /** Checks the range of an integral value for this type and returns it as a long. */
    private long integral(Number value) {
        if (value instanceof Double || value instanceof Float) {
            double d = value.doubleValue();
            if (d != Math.rint(d)) {
                throw new IllegalArgumentException("typecode '" + code + "' needs an integer, got " + value);
            }
        }
        long v = value.longValue();
        long min;
        long max;
        switch (this) {
            case BYTE -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case UNSIGNED_BYTE -> { min = 0; max = 0xff; }
            case SHORT -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case UNSIGNED_SHORT -> { min = 0; max = 0xffff; }
            case INT -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            case UNSIGNED_INT -> { min = 0; max = 0xffff_ffffL; }
            default -> { return v; }                        // 8-byte types: every long fits (unsigned: its bits)
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(value + " does not fit typecode '" + code + "' (" + min + ".." + max + ")");
        }
        return v;
    }
}

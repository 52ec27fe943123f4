package dev.pyconcurrent.futures.pool;

import java.io.Serializable;

/**
 * The argument tuple of one {@link Pool#starmap} call: {@code fn(first, second)}.
 *
 * <p>CPython counterpart: an element of the iterable passed to {@code Pool.starmap(func, iterable)}, a tuple that
 * is unpacked as {@code func(*args)}. Java has no variadic unpacking of typed tuples, so two-argument functions are
 * supported through this record. It is {@link Serializable} (when its values are) so the process pool can send it.
 *
 * @param first  the first argument
 * @param second the second argument
 * @param <A>    the first argument type
 * @param <B>    the second argument type
 */
public record ArgPair<A, B>(A first, B second) implements Serializable {
    /**
     * @param first  the first argument
     * @param second the second argument
     * @param <A>    the first argument type
     * @param <B>    the second argument type
     * @return the pair
     */
    public static <A, B> ArgPair<A, B> of(A first, B second) {
        return new ArgPair<>(first, second);
    }
}

package dev.pyconcurrent.examples.futures;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A {@code double} printed the way Python 3's {@code repr(x)} and {@code str(x)} print a float: the shortest decimal
 * that reads back as exactly the same double, in plain notation for decimal exponents -4..15 and as
 * {@code 1.5e-05} / {@code 1e+16} outside them.
 *
 * <p>CPython counterpart: {@code float_repr} ({@code Objects/floatobject.c}) with {@code PyOS_double_to_string(x,
 * 'r', 0, Py_DTSF_ADD_DOT_0)}, built on David Gay's shortest-digits algorithm ({@code Python/dtoa.c}).
 *
 * <p><b>Why not {@link Double#toString(double)}.</b> Up to JDK 18 it does not always give the shortest digits
 * (JDK-4511638: {@code 2.82879384806159E17} prints as {@code 2.82879384806159008E17}), and its format differs
 * ({@code 1.0E-5}, {@code 3.0E16}). The scenarios compare their pi values with CPython's digit for digit, so they use
 * this instead. It is written for clarity, not speed: it tries 1, 2, ... 17 significant digits with
 * {@link BigDecimal}, which is exact.
 */
public final class PyFloatRepr {

    /** Python switches to exponent notation when the first digit's decimal exponent is below this ... */
    private static final int MIN_PLAIN_EXPONENT = -4;
    /** ... or at least this. */
    private static final int MAX_PLAIN_EXPONENT_EXCLUSIVE = 16;

    private PyFloatRepr() {
    }

    /** @return {@code repr(x)} as Python 3 prints it, e.g. {@code 3.141592462603821}, {@code 100.0}, {@code 1e-05} */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0.0) {
            return Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(Math.abs(x)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // decimal exponent of the first digit
        String body = exponent < MIN_PLAIN_EXPONENT || exponent >= MAX_PLAIN_EXPONENT_EXCLUSIVE
                ? scientific(digits, exponent)
                : plain(digits, exponent);
        return x < 0 ? "-" + body : body;
    }

    /**
     * The decimal with the fewest significant digits that parses back to {@code x}; among those, the closest to
     * {@code x} (what Gay's algorithm returns). The nearest p-digit decimal is the best candidate; only just below a
     * power of two, where the gap to the next smaller double is half the gap above, can a p-digit neighbour of it
     * read back correctly when it does not, so the neighbours are tried too.
     */
    static BigDecimal shortestRoundTrip(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p <= 17; p++) {
            BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == x) {
                return nearest;
            }
            BigDecimal up = nearest.add(nearest.ulp());
            BigDecimal down = nearest.subtract(nearest.ulp());
            boolean upOk = up.doubleValue() == x;
            boolean downOk = down.signum() > 0 && down.doubleValue() == x;
            if (upOk && downOk) {
                return up.subtract(exact).abs().compareTo(exact.subtract(down).abs()) <= 0 ? up : down;
            }
            if (upOk) {
                return up;
            }
            if (downOk) {
                return down;
            }
        }
        return exact.round(MathContext.DECIMAL64); // unreachable: 17 significant digits always round-trip
    }

    /** {@code 3.14}, {@code 100.0}, {@code 0.0001}: Python always keeps one digit after the point. */
    private static String plain(String digits, int exponent) {
        if (exponent < 0) {
            return "0." + "0".repeat(-exponent - 1) + digits;
        }
        int integerDigits = exponent + 1;
        if (digits.length() <= integerDigits) {
            return digits + "0".repeat(integerDigits - digits.length()) + ".0";
        }
        return digits.substring(0, integerDigits) + "." + digits.substring(integerDigits);
    }

    /** {@code 1e+16}, {@code 1.5e-05}: no trailing {@code .0}, a signed exponent of at least two digits. */
    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = exponent < 0 ? "-" : "+";
        int abs = Math.abs(exponent);
        return mantissa + "e" + sign + (abs < 10 ? "0" + abs : String.valueOf(abs));
    }
}

package dev.pyconcurrent.process.manager.referents;

import dev.pyconcurrent.process.manager.BaseProxy;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * CPython's {@code repr()} of the values a manager's containers hold, so that printing a list, dict, Namespace,
 * Value or Array proxy shows what CPython prints ({@code ['Hello']}, {@code {1: 2}}, {@code Namespace(a=10)}).
 *
 * <p>CPython counterpart: {@code object.__repr__} of {@code str}, {@code int}, {@code float}, {@code bool},
 * {@code None}, {@code list}, {@code tuple}, {@code dict}, {@code set}. Java differs: a Java object that is none of
 * these shows its {@code toString()}; an {@code Object[]} shows as a tuple. A proxy stored inside shows its
 * {@code repr} ({@code <ListProxy object, typeid 'list' at 0x...>}) without calling the server, as in CPython.
 */
public final class PyRepr {
    private PyRepr() {
    }

    /** CPython's {@code repr(value)} for the Java equivalents of Python's built-in types. */
    public static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value, int depth) {
        if (depth > 50) {
            out.append("...");                            // CPython's reprlib guard against deep recursion
        } else if (value == null) {
            out.append("None");
        } else if (value instanceof BaseProxy proxy) {
            out.append(proxy.repr());                     // as Python's list repr: the element's repr, no call
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (value instanceof CharSequence || value instanceof Character) {
            out.append(string(value.toString()));
        } else if (value instanceof Double || value instanceof Float) {
            out.append(pyFloat(((Number) value).doubleValue()));
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(sep);
                append(out, e.getKey(), depth + 1);
                out.append(": ");
                append(out, e.getValue(), depth + 1);
                sep = ", ";
            }
            out.append('}');
        } else if (value instanceof Set<?> set) {
            if (set.isEmpty()) {
                out.append("set()");
            } else {
                sequence(out, set, '{', '}', depth);
            }
        } else if (value instanceof Collection<?> list) {
            sequence(out, list, '[', ']', depth);
        } else if (value instanceof Object[] tuple) {
            sequence(out, java.util.Arrays.asList(tuple), '(', ')', depth);
            if (tuple.length == 1) {
                out.insert(out.length() - 1, ',');       // (x,)
            }
        } else {
            out.append(value);
        }
    }

    private static void sequence(StringBuilder out, Collection<?> items, char open, char close, int depth) {
        out.append(open);
        Iterator<?> it = items.iterator();
        while (it.hasNext()) {
            append(out, it.next(), depth + 1);
            if (it.hasNext()) {
                out.append(", ");
            }
        }
        out.append(close);
    }

    /** Python's {@code repr(str)}: single quotes unless the text holds a single quote and no double quote. */
    static String string(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back (Java's {@link Double#toString} digits), in
     * positional form for exponents -4..15 and as {@code 1e+16} / {@code 1.5e-05} outside.
     */
    public static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;   // position of the leading digit
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = exact.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "").append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        return out.append(abs < 10 ? "0" : "").append(abs).toString();
    }
}

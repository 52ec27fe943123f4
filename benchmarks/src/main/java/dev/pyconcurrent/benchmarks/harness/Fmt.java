package dev.pyconcurrent.benchmarks.harness;

import java.util.List;
import java.util.Locale;

/** Number formatting for the report: about three significant digits, thousands separated. */
public final class Fmt {
    private Fmt() {
    }

    public static String value(double v) {
        double a = Math.abs(v);
        if (Double.isNaN(v)) {
            return "—";
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** {@code median (min–max)}, or just the value for one sample. */
    public static String cell(List<Double> samples) {
        if (samples.isEmpty()) {
            return "—";
        }
        if (samples.size() == 1) {
            return value(samples.get(0));
        }
        return value(Stats.median(samples)) + " (" + value(Stats.min(samples)) + "–" + value(Stats.max(samples)) + ")";
    }

    public static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "—";
        }
        return (r >= 10 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r)) + "×";
    }
}

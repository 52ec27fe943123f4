package dev.pyconcurrent.benchmarks.harness;

import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A goal from issue 8 for one row, e.g. "≥ 5× CPython", checked against the medians of the same run.
 *
 * @param text what the goal says, shown in the report
 * @param met decides pass/miss from the row's medians; only called when every side it needs was measured
 * @param measured the measured quantity the goal is judged on, in the goal's own terms (for the report)
 * @param needs the sides the check reads
 */
public record Target(String text, Predicate<Row> met, Function<Row, String> measured, Side... needs) {

    /** Ours / CPython ≥ factor for a throughput, or CPython / ours ≥ factor for a time (i.e. "factor× better"). */
    public static Target betterThanCpython(double factor) {
        return new Target("≥ " + fmt(factor) + "× as fast as CPython",
                row -> row.speedup(Side.OURS, Side.CPYTHON) >= factor,
                row -> Fmt.ratio(row.speedup(Side.OURS, Side.CPYTHON)) + " as fast as CPython",
                Side.OURS, Side.CPYTHON);
    }

    /** Ours at least {@code factor} of a reference's performance (speed-up against it ≥ factor). */
    public static Target atLeastOf(Side reference, double factor) {
        return new Target("≥ " + fmt(factor) + "× " + reference.label(),
                row -> row.speedup(Side.OURS, reference) >= factor,
                row -> Fmt.ratio(row.speedup(Side.OURS, reference)) + " " + reference.label(),
                Side.OURS, reference);
    }

    /** Ours' time ≤ factor × the reference's time. */
    public static Target timeWithin(Side reference, double factor) {
        return new Target("time ≤ " + fmt(factor) + "× " + reference.label() + "'s",
                row -> row.median(Side.OURS) <= factor * row.median(reference),
                row -> "time " + Fmt.ratio(row.median(Side.OURS) / row.median(reference)) + " " + reference.label()
                        + "'s",
                Side.OURS, reference);
    }

    /** Both targets; shown joined with "and". */
    public Target and(Target other) {
        Side[] all = Stream.concat(Arrays.stream(needs), Arrays.stream(other.needs)).distinct().toArray(Side[]::new);
        return new Target(text + " and " + other.text, met.and(other.met),
                row -> describe(this, row) + "; " + describe(other, row), all);
    }

    /** The measured figure, or "—" when a needed side has no samples. */
    public String describe(Row row) {
        return describe(this, row);
    }

    private static String describe(Target t, Row row) {
        for (Side side : t.needs) {
            if (!row.has(side)) {
                return "— (no " + side.label() + " samples)";
            }
        }
        return t.measured.apply(row);
    }

    /** "pass", "miss", or "n/a" when a needed side has no samples. */
    public String verdict(Row row) {
        for (Side side : needs) {
            if (!row.has(side)) {
                return "n/a";
            }
        }
        return met.test(row) ? "pass" : "miss";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

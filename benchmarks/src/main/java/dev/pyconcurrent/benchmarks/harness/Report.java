package dev.pyconcurrent.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/** The result table as text: markdown for docs/benchmarks.md, the same lines for the console. */
public final class Report {
    private static final Side[] REFERENCES = {Side.RAW_SOCKET, Side.JUC, Side.BARE_JVM};

    private Report() {
    }

    /** The markdown table: one line per row, medians (min–max), speed-up against CPython, target and verdict. */
    public static List<String> table(Results results) {
        List<String> lines = new ArrayList<>();
        lines.add("| workload | metric | unit | pyconcurrent-java | CPython | reference | Java vs CPython | "
                + "target | result |");
        lines.add("|---|---|---|---:|---:|---|---:|---|---|");
        for (Row row : results.rows()) {
            lines.add("| " + row.workload() + " | " + row.metric() + " | " + row.unit()
                    + " | " + Fmt.cell(row.samples(Side.OURS))
                    + " | " + Fmt.cell(row.samples(Side.CPYTHON))
                    + " | " + references(row)
                    + " | " + speedup(row, Side.CPYTHON)
                    + " | " + (row.target() == null ? "" : row.target().text())
                    + " | " + verdict(row) + " |");
        }
        return lines;
    }

    /** One line per row with a target: the goal, the measured ratios it is judged on, and the verdict. */
    public static List<String> targets(Results results) {
        List<String> lines = new ArrayList<>();
        lines.add("| workload | metric | target | measured (medians, same run) | result |");
        lines.add("|---|---|---|---|---|");
        for (Row row : results.rows()) {
            if (row.target() == null) {
                continue;
            }
            lines.add("| " + row.workload() + " | " + row.metric() + " | " + row.target().text() + " | "
                    + row.target().describe(row) + " | " + verdict(row) + " |");
        }
        return lines;
    }

    /** "raw JDK socket: 1,234 (…); ours = 0.91× it", for every reference side measured in the row. */
    static String references(Row row) {
        List<String> parts = new ArrayList<>();
        for (Side ref : REFERENCES) {
            if (row.has(ref)) {
                String s = ref.label() + ": " + Fmt.cell(row.samples(ref));
                if (row.has(Side.OURS)) {
                    s += row.higherIsBetter()
                            ? "; ours = " + Fmt.ratio(row.median(Side.OURS) / row.median(ref)) + " it"
                            : "; ours = " + Fmt.ratio(row.median(Side.OURS) / row.median(ref)) + " its time";
                }
                parts.add(s);
            }
        }
        return String.join("<br>", parts);
    }

    /** How many times faster ours is (throughput ratio, or inverse time ratio); "—" when a side is missing. */
    static String speedup(Row row, Side reference) {
        if (!row.has(Side.OURS) || !row.has(reference)) {
            return "—";
        }
        double s = row.speedup(Side.OURS, reference);
        String text = Fmt.ratio(s) + (s >= 1 ? " faster" : " slower");
        if (!row.higherIsBetter()) {
            text += " (time " + Fmt.ratio(row.median(Side.OURS) / row.median(reference)) + ")";
        }
        return text;
    }

    static String verdict(Row row) {
        if (row.target() == null) {
            return "";
        }
        return switch (row.target().verdict(row)) {
            case "pass" -> "✅ pass";
            case "miss" -> "❌ miss";
            default -> "n/a";
        };
    }
}

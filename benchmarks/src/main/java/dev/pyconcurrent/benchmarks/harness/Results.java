package dev.pyconcurrent.benchmarks.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of one run, in the order workloads first declared them. */
public final class Results {
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private List<String> jmh = List.of();

    /** The row for {@code key}, created on first use with the given description. */
    public Row row(String key, String workload, String metric, String unit, boolean higherIsBetter) {
        return rows.computeIfAbsent(key, k -> new Row(k, workload, metric, unit, higherIsBetter));
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** A line for the report's notes section (e.g. a workload skipped because its module has not landed). */
    public void note(String text) {
        notes.add(text);
    }

    /** The markdown table of a short JMH run, if one was made. */
    public void jmh(List<String> table) {
        jmh = List.copyOf(table);
    }

    public List<String> jmh() {
        return jmh;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}

package dev.pyconcurrent.benchmarks.harness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the result table: a metric of one workload, with the samples of every side that measured it.
 * Not thread-safe: the harness records from one thread.
 */
public final class Row {
    private final String key;
    private final String workload;
    private final String metric;
    private final String unit;
    private final boolean higherIsBetter;
    private final Map<Side, List<Double>> samples = new EnumMap<>(Side.class);
    private Target target;
    private String limit = "";

    Row(String key, String workload, String metric, String unit, boolean higherIsBetter) {
        this.key = key;
        this.workload = workload;
        this.metric = metric;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    public Row target(Target goal) {
        this.target = goal;
        return this;
    }

    /** What bounds this figure (serialization, syscalls, JVM start...), for the report. */
    public Row limit(String text) {
        this.limit = text;
        return this;
    }

    public void add(Side side, double value) {
        samples.computeIfAbsent(side, s -> new ArrayList<>()).add(value);
    }

    public boolean has(Side side) {
        return samples.containsKey(side) && !samples.get(side).isEmpty();
    }

    public List<Double> samples(Side side) {
        return samples.getOrDefault(side, List.of());
    }

    public double median(Side side) {
        return Stats.median(samples(side));
    }

    /**
     * How many times better {@code side} is than {@code reference}: a throughput ratio, or the inverse time ratio,
     * so that &gt; 1 always means "side is faster".
     */
    public double speedup(Side side, Side reference) {
        double a = median(side);
        double b = median(reference);
        return higherIsBetter ? a / b : b / a;
    }

    public String key() {
        return key;
    }

    public String workload() {
        return workload;
    }

    public String metric() {
        return metric;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public Target target() {
        return target;
    }

    public String limitText() {
        return limit;
    }
}

package dev.pyconcurrent.benchmarks.harness;

/** One numbered workload of issue 8: declares its rows (with targets and limits) and measures both sides. */
public interface Workload {
    /** Short id for {@code --only}, e.g. {@code thread-pool}. */
    String id();

    /** Runs warm-up and alternating repetitions, recording into {@code ctx.results()}. */
    void run(BenchContext ctx) throws Exception;
}

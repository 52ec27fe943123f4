package dev.pyconcurrent.benchmarks.harness;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A short JMH run of every benchmark in {@code dev.pyconcurrent.benchmarks.jmh} for the report (1 fork, 2 × 1 s
 * warm-up, 3 × 1 s measurement: indicative only; use {@code ./benchmarks/run jmh} with JMH options for more).
 */
public final class JmhRun {
    private JmhRun() {
    }

    /** Markdown lines: benchmark, score ± error, unit. */
    public static List<String> run() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("dev\\.pyconcurrent\\.benchmarks\\.jmh\\..*")
                .forks(1)
                .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        List<String> lines = new ArrayList<>();
        lines.add("| JMH benchmark | score | ± error (99.9 %) | unit |");
        lines.add("|---|---:|---:|---|");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replace("dev.pyconcurrent.benchmarks.jmh.", "");
            lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %s |", name, Fmt.value(r.getPrimaryResult().getScore()),
                    Fmt.value(r.getPrimaryResult().getScoreError()), r.getPrimaryResult().getScoreUnit()));
        }
        return lines;
    }
}

package dev.pyconcurrent.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a workload needs during a run: sizes, the CPython driver, where to record samples, and the alternation loop.
 *
 * <p>Alternation: warm-up repetitions (unrecorded) on both sides, then {@code reps} recorded repetitions; even
 * repetitions run Java first, odd ones CPython first, so a slow drift of the shared machine's load hits both sides
 * alike. Samples are recorded only while {@link #recording()} is true.
 */
public final class BenchContext {
    /** One repetition of one side; may record into rows through {@link #record}. */
    @FunctionalInterface
    public interface Rep {
        void run() throws Exception;
    }

    private final Options options;
    private final Results results;
    private final PythonDriver python;
    private final Path pythonScripts;
    private boolean recording;

    public BenchContext(Options options, Results results, PythonDriver python, Path pythonScripts) {
        this.options = options;
        this.results = results;
        this.python = python;
        this.pythonScripts = pythonScripts;
    }

    public boolean smoke() {
        return options.smoke();
    }

    /** {@code full} normally, {@code tiny} in smoke mode. */
    public int size(int full, int tiny) {
        return options.smoke() ? tiny : full;
    }

    public int reps() {
        return options.reps();
    }

    public Results results() {
        return results;
    }

    public boolean hasPython() {
        return python != null;
    }

    public PythonDriver python() {
        return python;
    }

    public Path pythonScripts() {
        return pythonScripts;
    }

    public boolean recording() {
        return recording;
    }

    /** Adds a sample unless this is a warm-up repetition. */
    public void record(Row row, Side side, double value) {
        if (recording) {
            row.add(side, value);
        }
    }

    /** Runs a CPython workload in the long-lived driver; generous timeout (a stuck workload fails, never hangs). */
    public Map<String, Double> py(String workload, Object... args) throws IOException {
        return python.run(workload, pythonTimeout(), args);
    }

    public Duration pythonTimeout() {
        return options.smoke() ? Duration.ofSeconds(60) : Duration.ofMinutes(10);
    }

    /**
     * Warm-up then alternating recorded repetitions of the Java and CPython sides ({@code cpython} is skipped when no
     * interpreter is available; either may be {@code null}).
     */
    public void alternate(Rep java, Rep cpython) throws Exception {
        alternate(0, java, cpython);
    }

    /**
     * As {@link #alternate(Rep, Rep)}, with at least {@code javaWarmups} untimed Java repetitions first (except in
     * smoke mode): for workloads whose repetitions are too short for the JIT to finish within the usual warm-up.
     */
    public void alternate(int javaWarmups, Rep java, Rep cpython) throws Exception {
        Rep py = hasPython() ? cpython : null;
        recording = false;
        for (int i = 0; i < options.warmup(); i++) {
            runIfPresent(java);
            runIfPresent(py);
        }
        for (int i = options.warmup(); i < (options.smoke() ? 0 : javaWarmups); i++) {
            runIfPresent(java);
        }
        recording = true;
        try {
            for (int i = 0; i < options.reps(); i++) {
                if (i % 2 == 0) {
                    runIfPresent(java);
                    runIfPresent(py);
                } else {
                    runIfPresent(py);
                    runIfPresent(java);
                }
            }
        } finally {
            recording = false;
        }
    }

    private static void runIfPresent(Rep rep) throws Exception {
        if (rep != null) {
            rep.run();
        }
    }
}

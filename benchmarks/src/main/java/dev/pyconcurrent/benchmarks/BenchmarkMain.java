package dev.pyconcurrent.benchmarks;

import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.DocsWriter;
import dev.pyconcurrent.benchmarks.harness.JmhRun;
import dev.pyconcurrent.benchmarks.harness.MachineInfo;
import dev.pyconcurrent.benchmarks.harness.Options;
import dev.pyconcurrent.benchmarks.harness.PythonDriver;
import dev.pyconcurrent.benchmarks.harness.Report;
import dev.pyconcurrent.benchmarks.harness.Results;
import dev.pyconcurrent.benchmarks.harness.Workload;
import dev.pyconcurrent.benchmarks.workloads.Workloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The side-by-side harness: runs every workload of issue 8 on this project and on CPython in the same run,
 * prints the table and (unless {@code --smoke}/{@code --no-docs}) writes {@code docs/benchmarks.md} and its chart.
 * Options: see {@link Options}. Started by {@code ./benchmarks/run}.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = projectRoot();
        Options options;
        try {
            options = Options.parse(args, root);
        } catch (Options.HelpRequested e) {
            System.out.println(Options.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.list()) {
            Workloads.all().forEach(w -> System.out.println(w.id()));
            return;
        }
        Results results = run(options, root);
        System.exit(results.rows().isEmpty() ? 1 : 0); // library daemon threads must not keep the JVM alive
    }

    /** Runs the selected workloads and reports; returns the results (used by the smoke test). */
    public static Results run(Options options, Path root) throws Exception {
        Path scripts = root.resolve("benchmarks/src/main/python");
        double[] loadBefore = MachineInfo.loadAverage();
        long t0 = System.nanoTime();
        Results results = new Results();
        PythonDriver python = options.python() ? PythonDriver.startIfAvailable(scripts) : null;
        if (python == null) {
            results.note("No CPython side in this run (" + (options.python() ? "python3 not found" : "--no-python")
                    + ").");
        }
        try {
            BenchContext ctx = new BenchContext(options, results, python, scripts);
            for (Workload w : Workloads.all()) {
                if (!options.selected(w.id())) {
                    continue;
                }
                System.err.println("[bench] " + w.id() + " ...");
                long w0 = System.nanoTime();
                w.run(ctx);
                System.err.printf("[bench] %s done in %.1f s%n", w.id(), (System.nanoTime() - w0) / 1e9);
            }
        } finally {
            if (python != null) {
                python.close();
            }
        }
        if (options.jmh()) {
            System.err.println("[bench] JMH (short run) ...");
            results.jmh(JmhRun.run());
        }
        List<String> table = Report.table(results);
        table.forEach(System.out::println);
        results.jmh().forEach(System.out::println);
        results.notes().forEach(n -> System.out.println("note: " + n));
        if (options.docs() != null) {
            DocsWriter.write(results, new DocsWriter.RunInfo(options, python == null ? "—" : python.version(),
                    python == null ? "—" : python.executable(), loadBefore, MachineInfo.loadAverage(),
                    (System.nanoTime() - t0) / 1_000_000_000L, root), options.docs());
            System.err.println("[bench] wrote " + options.docs().resolve("benchmarks.md"));
        }
        return results;
    }

    /** {@code -Dbenchmarks.root}, else the nearest directory up from here holding {@code benchmarks/src/main/python}. */
    static Path projectRoot() {
        String property = System.getProperty("benchmarks.root");
        if (property != null) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("benchmarks/src/main/python"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root (set -Dbenchmarks.root)");
    }
}

package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.benchmarks.harness.Target;
import dev.pyconcurrent.benchmarks.harness.Workload;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.Futures;
import dev.pyconcurrent.process.pool.ProcessPoolExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Workload 7: the pi job of shared/articles/000 ("multi-process" part): {@code each_task(n)} for
 * n = 5,000,000 / 5,001,000 / 5,002,000 / 5,003,000 submitted to a pool of 1, 2 or 4 processes; end to end
 * (pool start-up, compute, shutdown). The loop is the article's, in the same floating-point order, so both sides
 * compute the same digits (checked).
 */
public final class ArticlePiWorkload implements Workload {
    @Override
    public String id() {
        return "pi";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        long[] ns = ctx.smoke() ? new long[] {20_000, 20_100, 20_200, 20_300}
                : new long[] {5_000_000, 5_001_000, 5_002_000, 5_003_000};
        for (int processes : new int[] {1, 2, 4}) {
            Row row = ctx.results().row("pi-" + processes, "7. article pi, " + processes + " process"
                            + (processes > 1 ? "es" : "") + ", n = " + ns[0] + "…" + ns[3], "end to end", "s", false)
                    .limit(switch (processes) {
                        case 1 -> "one worker runs the 4 tasks in turn: Java ≈ one JVM start + ≈ 10–20 ms of compiled "
                                + "loop per task; CPython ≈ 0.4 s of interpreted loop per task";
                        case 2 -> "Java: two JVM starts competing for the 2 CPUs (≈ 0.1–0.2 s) dominate the ≈ 10–20 ms "
                                + "of compiled loop per task; CPython: ≈ 0.4 s of interpreted loop per task";
                        default -> "the machine has 2 CPUs: 4 processes cannot beat 2, and Java pays 4 JVM starts";
                    });
            if (processes == 2) {
                row.target(Target.betterThanCpython(5));
            }
            double[] pythonPi = new double[1];
            double[] javaPi = new double[1];
            ctx.alternate(() -> ctx.record(row, Side.OURS, ours(processes, ns, javaPi)), () -> {
                Map<String, Double> m = ctx.py("article_pi", "processes", processes, "ns", ns);
                pythonPi[0] = m.get("first_pi");
                ctx.record(row, Side.CPYTHON, m.get("total_s"));
            });
            if (ctx.hasPython() && javaPi[0] != pythonPi[0]) {
                ctx.results().note("pi mismatch: Java " + javaPi[0] + " vs CPython " + pythonPi[0]);
            }
        }
    }

    static double ours(int processes, long[] ns, double[] firstPi) {
        long t0 = System.nanoTime();
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(processes)) {
            List<Future<Double>> fs = new ArrayList<>();
            for (long n : ns) {
                fs.add(pool.submit(PoolTasks::eachTask, (int) n));
            }
            Futures.wait(fs);
            firstPi[0] = fs.get(0).result();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}

package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.process.pool.ProcessPoolExecutor;

/** Workload 6, pyconcurrent-java side: {@code new ProcessPoolExecutor(2)} → first {@code submit(...).result()}. */
final class OursProcessPool {
    private OursProcessPool() {
    }

    static void startup(BenchContext ctx, Row row) {
        long t0 = System.nanoTime();
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        try {
            pool.submit(PoolTasks.SQUARE, 1).result();
            ctx.record(row, Side.OURS, (System.nanoTime() - t0) / 1e6);
        } finally {
            pool.close(); // outside the clock, as in the CPython script
        }
    }
}

package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Row;

/** The pyconcurrent-java side of workload 1 (futures-thread's ThreadPoolExecutor); a no-op until it lands. */
final class OursThreadPool {
    private OursThreadPool() {
    }

    static void measure(BenchContext ctx, Row row, int tasks, int workers) {
        if (!ctx.recording()) {
            return;
        }
        // futures-thread's ThreadPoolExecutor has not landed yet.
    }
}

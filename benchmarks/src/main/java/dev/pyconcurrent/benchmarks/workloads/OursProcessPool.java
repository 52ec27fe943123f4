package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Row;

/** The pyconcurrent-java side of the process-pool workloads (futures-process ProcessPoolExecutor); not landed yet. */
final class OursProcessPool {
    private OursProcessPool() {
    }

    static void startup(BenchContext ctx, Row row) {
        // ProcessPoolExecutor has not landed yet.
    }
}

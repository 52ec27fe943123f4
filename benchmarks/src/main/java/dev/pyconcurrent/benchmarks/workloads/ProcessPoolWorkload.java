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

/**
 * Workload 2: a process pool with 2 workers runs 20,000 tiny tasks ({@code square(x)}) via {@code submit} + wait,
 * and via {@code map} with chunksize 1 and 256; tasks/s. A fresh pool per measurement, warmed by a 2,000-task map
 * (start-up excluded), as the CPython script does. Java also runs each mode on one long-lived pool whose worker JVMs
 * are JIT-warm (the "warm pool" rows), since a fresh JVM runs its first tens of thousands of calls partly
 * interpreted, a cost CPython does not have.
 */
public final class ProcessPoolWorkload implements Workload {
    static final int WORKERS = 2;

    @Override
    public String id() {
        return "process-pool";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int tasks = ctx.size(20_000, 300);
        String what = "2. process pool, 2 workers, " + tasks + " × square(x)";
        Row submit = ctx.results().row("pool-submit", what, "submit + wait", "tasks/s", true)
                .target(Target.betterThanCpython(5))
                .limit("per task: a full round trip to the worker (one call at a time per worker, as CPython's "
                        + "fairness asks): encode, socket write, worker wake-up, result, channel-thread wake-up, "
                        + "Future completion; 2 channel threads + the submitter + 2 workers on 2 CPUs");
        Row map1 = ctx.results().row("pool-map-1", what, "map(chunksize=1)", "tasks/s", true)
                .target(Target.betterThanCpython(5))
                .limit("as submit, plus the map iterator's per-item future");
        Row map256 = ctx.results().row("pool-map-256", what, "map(chunksize=256)", "tasks/s", true)
                .target(Target.betterThanCpython(2))
                .limit("chunking amortises IPC: serialization of a 256-element chunk and the result list dominate");
        String warm = ", warm pool (Java: one pool reused across repetitions; CPython: the fresh-pool figure)";
        Row[] warmRows = {
            ctx.results().row("pool-submit-warm", what, "submit + wait" + warm, "tasks/s", true)
                    .limit("as above, with the worker JVMs' JIT warm: the steady state of a long-lived pool"),
            ctx.results().row("pool-map-1-warm", what, "map(chunksize=1)" + warm, "tasks/s", true)
                    .limit("as above, JIT warm"),
            ctx.results().row("pool-map-256-warm", what, "map(chunksize=256)" + warm, "tasks/s", true)
                    .limit("as above, JIT warm: a fresh pool's 78 chunks run mostly interpreted in the new worker "
                            + "JVMs, a warm pool's run compiled"),
        };
        String ahead = ", fresh pool with callsPerWorker(2) (Java opt-in: the next call waits in a busy worker's "
                + "socket; CPython: the fresh-pool figure)";
        Row[] aheadRows = {
            ctx.results().row("pool-submit-ahead", what, "submit + wait" + ahead, "tasks/s", true)
                    .limit("no round trip between two calls of a busy worker; per call still one socket write and "
                            + "read each way"),
            ctx.results().row("pool-map-1-ahead", what, "map(chunksize=1)" + ahead, "tasks/s", true)
                    .limit("as above"),
            ctx.results().row("pool-map-256-ahead", what, "map(chunksize=256)" + ahead, "tasks/s", true)
                    .limit("as above; the fresh worker JVMs still run cold"),
        };
        Row[] freshRows = {submit, map1, map256};
        int[] modes = {0, 1, 256};
        try (ProcessPoolExecutor longLived = new ProcessPoolExecutor(WORKERS)) {
            PoolTasks.warm(longLived);
            ctx.alternate(() -> {
                for (int m = 0; m < modes.length; m++) {
                    try (ProcessPoolExecutor pool = new ProcessPoolExecutor(WORKERS)) {
                        PoolTasks.warm(pool);
                        ctx.record(freshRows[m], Side.OURS, measure(pool, tasks, modes[m]));
                    }
                    try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(WORKERS)
                            .callsPerWorker(2).build()) {
                        PoolTasks.warm(pool);
                        ctx.record(aheadRows[m], Side.OURS, measure(pool, tasks, modes[m]));
                    }
                    ctx.record(warmRows[m], Side.OURS, measure(longLived, tasks, modes[m]));
                }
            }, () -> {
                for (int m = 0; m < modes.length; m++) {
                    double rate = ctx.py("process_pool_throughput", "mode", modes[m] == 0 ? "submit" : "map",
                            "chunksize", Math.max(1, modes[m]), "tasks", tasks).get("tasks_per_s");
                    ctx.record(freshRows[m], Side.CPYTHON, rate);
                    ctx.record(aheadRows[m], Side.CPYTHON, rate);
                    ctx.record(warmRows[m], Side.CPYTHON, rate);
                }
            });
        }
    }

    /** tasks/s of {@code tasks} square(x) calls on {@code pool}: {@code chunksize == 0} means submit + wait. */
    static double measure(ProcessPoolExecutor pool, int tasks, int chunksize) {
        long expected = 0;
        for (long i = 0; i < tasks; i++) {
            expected += i * i;
        }
        long sum = 0;
        long t0 = System.nanoTime();
        if (chunksize == 0) {
            List<Future<Integer>> fs = new ArrayList<>(tasks);
            for (int i = 0; i < tasks; i++) {
                fs.add(pool.submit(PoolTasks.SQUARE, i));
            }
            Futures.wait(fs);
            long t1 = System.nanoTime();
            for (Future<Integer> f : fs) {
                sum += f.result();
            }
            check(sum, expected);
            return tasks / ((t1 - t0) / 1e9);
        }
        sum = PoolTasks.drain(pool.map(PoolTasks.SQUARE, PoolTasks.range(tasks), PoolTasks.chunks(chunksize)));
        double rate = tasks / ((System.nanoTime() - t0) / 1e9);
        check(sum, expected);
        return rate;
    }

    private static void check(long sum, long expected) {
        if (sum != expected) {
            throw new IllegalStateException("process pool returned wrong results: sum " + sum + ", expected "
                    + expected);
        }
    }
}

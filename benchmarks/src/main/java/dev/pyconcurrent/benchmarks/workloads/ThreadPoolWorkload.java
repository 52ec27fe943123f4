package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.benchmarks.harness.Target;
import dev.pyconcurrent.benchmarks.harness.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Workload 1: a thread pool with 2 workers runs 100,000 no-op tasks; tasks/s from the first submit to the last
 * result. The pool is created and its threads started before the clock (as {@code cpy_threads.py} does). Also run
 * on {@code java.util.concurrent.ThreadPoolExecutor}, the JDK's own pool, as the Java ceiling.
 */
public final class ThreadPoolWorkload implements Workload {
    static final int WORKERS = 2;

    /** Java samples per repetition (a Java repetition is ~20-50 ms; a CPython one ~2 s). */
    private static final int JAVA_SAMPLES_PER_REP = 5;

    @Override
    public String id() {
        return "thread-pool";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int tasks = ctx.size(100_000, 2_000);
        Row row = ctx.results().row("thread-pool", "1. thread pool, 2 workers, " + tasks + " no-op tasks",
                        "submit + wait", "tasks/s", true)
                .target(Target.betterThanCpython(20).and(Target.atLeastOf(Side.JUC, 0.5)))
                .limit("one submitting thread: per task a Future, a work item, a queue hand-off and a wake-up; for "
                        + "Java, Futures.wait over 100,000 futures costs more than the pool itself (see findings); "
                        + "CPython is bound by the GIL and its interpreter (~26 µs per task)");
        Row each = ctx.results().row("thread-pool-result", "1. thread pool, 2 workers, " + tasks + " no-op tasks",
                        "submit + result() of each (no wait())", "tasks/s", true)
                .limit("the pool alone: without Futures.wait the Java pool runs at the JDK pool's speed; CPython "
                        + "is not re-measured for this variant (its per-task cost is the interpreter's either way)");
        // Repetitions last only ~20-200 ms: 5 untimed ones let C2 finish with submit, the work item and wait(). A
        // Java repetition takes JAVA_SAMPLES_PER_REP samples of each side, interleaved, so the Java medians come from
        // 5x as many samples: one 20 ms sample is at the mercy of a GC or a descheduled thread on this shared machine.
        ctx.alternate(5, () -> {
            for (int k = 0; k < JAVA_SAMPLES_PER_REP; k++) {
                ctx.record(row, Side.OURS, OursThreadPool.tasksPerSecond(tasks, WORKERS, true));
                double juc = jucTasksPerSecond(tasks);
                ctx.record(row, Side.JUC, juc);
                ctx.record(each, Side.OURS, OursThreadPool.tasksPerSecond(tasks, WORKERS, false));
                ctx.record(each, Side.JUC, juc);
            }
        }, () -> ctx.record(row, Side.CPYTHON,
                ctx.py("thread_pool", "tasks", tasks, "workers", WORKERS).get("tasks_per_s")));
    }

    static double jucTasksPerSecond(int tasks) throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>());
        try {
            pool.prestartAllCoreThreads();
            List<Future<?>> futures = new ArrayList<>(tasks);
            Runnable noop = () -> { };
            long t0 = System.nanoTime();
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.submit(noop));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return tasks / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}

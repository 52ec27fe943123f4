package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.children.RawSocketPeer;
import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.benchmarks.harness.Stats;
import dev.pyconcurrent.benchmarks.harness.Target;
import dev.pyconcurrent.benchmarks.harness.Workload;
import dev.pyconcurrent.process.pool.ProcessPoolExecutor;

import java.util.Map;

/**
 * Workload 3: warm single-task round trip. A fresh 2-worker pool per repetition, warmed (2,000-task map, then
 * {@link #JIT_WARM_UP_CALLS} sequential calls in Java, until the JIT has compiled the path in both JVMs; 200 in
 * CPython, which has no JIT), then 2,000 sequential {@code submit(square, i).result()}, each timed; p50 and p99. The raw limit is a
 * 64-byte ping-pong between two plain JVMs (unpinned, as the pool is), measured in the same repetition.
 */
public final class RoundTripWorkload implements Workload {
    /** Sequential calls before the clock starts, on the Java side. */
    static final int JIT_WARM_UP_CALLS = 10_000;

    @Override
    public String id() {
        return "round-trip";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int calls = ctx.size(2_000, 100);
        int warmUpCalls = ctx.size(JIT_WARM_UP_CALLS, 100);
        String what = "3. process pool warm round trip, " + calls + " × submit(square).result()";
        Row p50 = ctx.results().row("roundtrip-p50", what, "p50", "µs", false)
                .target(Target.timeWithin(Side.CPYTHON, 0.4).and(Target.timeWithin(Side.RAW_SOCKET, 2)))
                .limit("thread hops: 3 wake-ups per call in the parent (caller → channel thread → worker → channel "
                        + "thread → caller) against 1 for the raw ping-pong; each wake-up costs 5–20 µs here (see "
                        + "findings). Java is warmed until its JIT has compiled the path (" + JIT_WARM_UP_CALLS
                        + " calls), CPython with 200 (no JIT)");
        Row p99 = ctx.results().row("roundtrip-p99", what, "p99", "µs", false)
                .limit("scheduler wake-ups of 3–4 threads per call on 2 CPUs; GC in either JVM");
        try (RawSocketPeer raw = new RawSocketPeer()) {
            ctx.alternate(() -> {
                long[] ours = ours(calls, warmUpCalls);
                ctx.record(p50, Side.OURS, Stats.percentileMicros(ours, 0.50));
                ctx.record(p99, Side.OURS, Stats.percentileMicros(ours, 0.99));
                long[] r = raw.pingPong(calls, 1_000, 64);
                ctx.record(p50, Side.RAW_SOCKET, Stats.percentileMicros(r, 0.50));
                ctx.record(p99, Side.RAW_SOCKET, Stats.percentileMicros(r, 0.99));
            }, () -> {
                Map<String, Double> m = ctx.py("process_pool_latency", "calls", calls);
                ctx.record(p50, Side.CPYTHON, m.get("p50_us"));
                ctx.record(p99, Side.CPYTHON, m.get("p99_us"));
            });
        }
    }

    static long[] ours(int calls, int warmUpCalls) {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            PoolTasks.warm(pool);
            // "Warm" means steady state: in both JVMs the JIT compiles this path only after several thousand calls
            // (probe: p50 ≈ 70 µs after 2,000, ≈ 25 µs after 7,000). CPython has no JIT; its 200 are enough.
            for (int i = 0; i < warmUpCalls; i++) {
                pool.submit(PoolTasks.SQUARE, i).result();
            }
            long[] samples = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                pool.submit(PoolTasks.SQUARE, i).result();
                samples[i] = System.nanoTime() - t0;
            }
            return samples;
        }
    }
}

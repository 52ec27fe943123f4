package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.children.ConnectionPeer;
import dev.pyconcurrent.benchmarks.children.PinnedPingPong;
import dev.pyconcurrent.benchmarks.children.RawSocketPeer;
import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Jvm;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.benchmarks.harness.Stats;
import dev.pyconcurrent.benchmarks.harness.Target;
import dev.pyconcurrent.benchmarks.harness.Workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Workload 5: Pipe ping-pong, 64 B, the child echoes; per repetition 1,000 untimed then 10,000 timed round trips,
 * p50 and p99. Unpinned (processes float over both CPUs: the VM's cross-CPU wake-up dominates and is bimodal) and
 * pinned: both processes of each side under {@code taskset -c 0} (a fresh pinned JVM pair, or a fresh pinned
 * interpreter, per repetition).
 */
public final class PingPongWorkload implements Workload {
    static final List<String> PIN = List.of("taskset", "-c", "0");

    @Override
    public String id() {
        return "pingpong";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int rounds = ctx.size(10_000, 200);
        int warmup = ctx.size(1_000, 50);
        String what = "5. Pipe ping-pong 64 B, " + rounds + " round trips";
        Row p50 = ctx.results().row("pingpong-p50", what, "round trip p50, unpinned", "µs", false)
                .limit("where the two processes land: on one CPU it equals the pinned figure, across CPUs the VM's "
                        + "cross-CPU wake-up adds tens of µs (bimodal, the same for every side)");
        Row p99 = ctx.results().row("pingpong-p99", what, "round trip p99, unpinned", "µs", false)
                .limit("scheduler and, for the JVM, safepoints/GC of either JVM");
        Row pinned50 = ctx.results().row("pingpong-pinned-p50", what, "round trip p50, pinned to 1 CPU", "µs", false)
                .target(Target.timeWithin(Side.RAW_SOCKET, 1.3))
                .limit("2 context switches + 4 syscalls per round trip; Connection adds its send/receive locks, a "
                        + "non-blocking read that falls back to a Selector wait, and the read-ahead copy");
        Row pinned99 = ctx.results().row("pingpong-pinned-p99", what, "round trip p99, pinned to 1 CPU", "µs", false)
                .limit("scheduler noise of the shared machine");
        boolean taskset = tasksetWorks();
        if (!taskset) {
            ctx.results().note("taskset is not usable here: the pinned ping-pong rows are missing.");
        }
        try (ConnectionPeer ours = new ConnectionPeer(); RawSocketPeer raw = new RawSocketPeer()) {
            ctx.alternate(() -> {
                long[] o = ours.pingPong(rounds, warmup, 64);
                ctx.record(p50, Side.OURS, Stats.percentileMicros(o, 0.50));
                ctx.record(p99, Side.OURS, Stats.percentileMicros(o, 0.99));
                long[] r = raw.pingPong(rounds, warmup, 64);
                ctx.record(p50, Side.RAW_SOCKET, Stats.percentileMicros(r, 0.50));
                ctx.record(p99, Side.RAW_SOCKET, Stats.percentileMicros(r, 0.99));
                if (taskset) {
                    Map<String, Double> po = pinnedJava("ours", rounds, ctx.size(20_000, 200));
                    ctx.record(pinned50, Side.OURS, po.get("p50_us"));
                    ctx.record(pinned99, Side.OURS, po.get("p99_us"));
                    Map<String, Double> pr = pinnedJava("raw", rounds, ctx.size(20_000, 200));
                    ctx.record(pinned50, Side.RAW_SOCKET, pr.get("p50_us"));
                    ctx.record(pinned99, Side.RAW_SOCKET, pr.get("p99_us"));
                }
            }, () -> {
                Map<String, Double> u = ctx.py("pipe_roundtrip", "rounds", rounds, "warmup", warmup);
                ctx.record(p50, Side.CPYTHON, u.get("p50_us"));
                ctx.record(p99, Side.CPYTHON, u.get("p99_us"));
                if (taskset) {
                    Map<String, Double> p = ctx.python().runOnce(PIN, "pipe_roundtrip", ctx.pythonTimeout(),
                            "rounds", rounds, "warmup", warmup);
                    ctx.record(pinned50, Side.CPYTHON, p.get("p50_us"));
                    ctx.record(pinned99, Side.CPYTHON, p.get("p99_us"));
                }
            });
        }
    }

    /** One pinned repetition in a fresh JVM pair under {@code taskset -c 0}. */
    static Map<String, Double> pinnedJava(String kind, int rounds, int warmup) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>(PIN);
        cmd.addAll(Jvm.command(List.of("-XX:+UseSerialGC"), PinnedPingPong.class, kind, Integer.toString(rounds),
                Integer.toString(warmup)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("pinned ping-pong (" + kind + ") failed: " + out);
        }
        Map<String, Double> metrics = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.trim().split("=");
            if (kv.length == 2) {
                metrics.put(kv[0], Double.parseDouble(kv[1]));
            }
        }
        if (!metrics.containsKey("p50_us")) {
            throw new IOException("pinned ping-pong (" + kind + ") printed no result: " + out);
        }
        return metrics;
    }

    static boolean tasksetWorks() {
        try {
            Process p = new ProcessBuilder("taskset", "-c", "0", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

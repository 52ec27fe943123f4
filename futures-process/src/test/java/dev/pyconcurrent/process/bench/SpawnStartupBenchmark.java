package dev.pyconcurrent.process.bench;

import dev.pyconcurrent.process.spawn.ChildJvm;
import dev.pyconcurrent.process.spawn.ChildJvmLauncher;
import dev.pyconcurrent.process.spawn.SpawnOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spawn → ready (the child's entry point runs) and spawn → exit seen by the parent, per JVM option set.
 * Not a test: run with {@code java -cp <test classpath> dev.pyconcurrent.process.bench.SpawnStartupBenchmark [reps]}.
 * Prints medians (and p10/p90) in milliseconds.
 */
public final class SpawnStartupBenchmark {
    private SpawnStartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Map<String, SpawnOptions> configs = new LinkedHashMap<>();
        SpawnOptions bare = SpawnOptions.builder().defaultJvmOptions(false).cds(false).build();
        configs.put("bare (no options)", bare);
        configs.put("-XX:+UseSerialGC", bare.toBuilder().addJvmOptions("-XX:+UseSerialGC").build());
        configs.put("-XX:-UsePerfData", bare.toBuilder().addJvmOptions("-XX:-UsePerfData").build());
        configs.put("-XX:TieredStopAtLevel=1", bare.toBuilder().addJvmOptions("-XX:TieredStopAtLevel=1").build());
        configs.put("-Xshare:off (no CDS at all)", bare.toBuilder().addJvmOptions("-Xshare:off").build());
        configs.put("defaults", SpawnOptions.builder().cds(false).build());
        configs.put("defaults + AppCDS (auto)", SpawnOptions.builder().cds(true).build());
        String jsa = System.getProperty("bench.jsa");
        if (jsa != null) {
            configs.put("defaults + " + jsa, SpawnOptions.builder().cds(false)
                    .addJvmOptions("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off").build());
        }
        Path dir = Files.createTempDirectory("spawn-bench");
        // Warm-up: parent-side class loading, and the first CDS child (which dumps the archive).
        for (SpawnOptions options : configs.values()) {
            for (int i = 0; i < 2; i++) {
                measure(options, dir);
            }
        }
        // Round-robin over the configs so that load from other processes hits them all alike.
        Map<String, List<Double>> ready = new LinkedHashMap<>();
        Map<String, List<Double>> exit = new LinkedHashMap<>();
        for (int i = 0; i < reps; i++) {
            for (Map.Entry<String, SpawnOptions> e : configs.entrySet()) {
                double[] m = measure(e.getValue(), dir);
                ready.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(m[0]);
                exit.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(m[1]);
            }
        }
        System.out.printf("%-40s %10s %10s %10s %10s%n", "config (ms, n=" + reps + ")", "ready p50", "ready p10",
                "ready p90", "exit p50");
        for (String key : configs.keySet()) {
            List<Double> r = ready.get(key);
            System.out.printf("%-40s %10.1f %10.1f %10.1f %10.1f%n", key, pct(r, 50), pct(r, 10), pct(r, 90),
                    pct(exit.get(key), 50));
        }
    }

    private static double[] measure(SpawnOptions options, Path dir) throws Exception {
        Path file = dir.resolve("ready-" + System.nanoTime());
        ChildJvm child = ChildJvmLauncher.launch(new ReadyProbe(file), options, "bench");
        int code = child.waitFor();
        long exited = System.nanoTime();
        if (code != 0) {
            throw new IllegalStateException("probe exited with " + code);
        }
        long ready = Long.parseLong(Files.readString(file));
        Files.delete(file);
        return new double[] {(ready - child.startNanos()) / 1e6, (exited - child.startNanos()) / 1e6};
    }

    static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}

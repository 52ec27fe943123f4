package dev.pyconcurrent.process.bench;

import dev.pyconcurrent.process.Process;
import dev.pyconcurrent.process.spawn.SpawnOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Process} with a no-op target: start() → ready (target entered) and start() → join() returned, with the
 * default options, with and without the AppCDS cache (CDS engages only on a jar-only classpath). Not a test: run
 * with {@code java -cp <jars> dev.pyconcurrent.process.bench.ProcessStartJoinBenchmark [reps]}.
 */
public final class ProcessStartJoinBenchmark {
    private ProcessStartJoinBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path dir = Files.createTempDirectory("process-bench");
        SpawnOptions noCds = SpawnOptions.builder().cds(false).build();
        SpawnOptions cds = SpawnOptions.builder().cds(true).build();
        for (int i = 0; i < 3; i++) { // warm-up; the first CDS child dumps the archive
            once(noCds, dir);
            once(cds, dir);
        }
        List<Double> readyNo = new ArrayList<>();
        List<Double> joinNo = new ArrayList<>();
        List<Double> readyCds = new ArrayList<>();
        List<Double> joinCds = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            double[] a = once(noCds, dir);
            readyNo.add(a[0]);
            joinNo.add(a[1]);
            double[] b = once(cds, dir);
            readyCds.add(b[0]);
            joinCds.add(b[1]);
        }
        System.out.printf("Process no-op, n=%d: start->ready p50 %.1f ms, start->join p50 %.1f ms (defaults)%n",
                reps, SpawnStartupBenchmark.pct(readyNo, 50), SpawnStartupBenchmark.pct(joinNo, 50));
        System.out.printf("Process no-op, n=%d: start->ready p50 %.1f ms, start->join p50 %.1f ms (defaults + CDS)%n",
                reps, SpawnStartupBenchmark.pct(readyCds, 50), SpawnStartupBenchmark.pct(joinCds, 50));
    }

    private static double[] once(SpawnOptions options, Path dir) throws Exception {
        String file = dir.resolve("ready-" + System.nanoTime()).toString();
        Process p = Process.builder().spawnOptions(options)
                .target(() -> {
                    try {
                        Files.write(Path.of(file), Long.toString(System.nanoTime()).getBytes(StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).build();
        long t0 = System.nanoTime();
        p.start();
        p.join();
        long t1 = System.nanoTime();
        long ready = Long.parseLong(Files.readString(Path.of(file)));
        Files.delete(Path.of(file));
        return new double[] {(ready - t0) / 1e6, (t1 - t0) / 1e6};
    }
}

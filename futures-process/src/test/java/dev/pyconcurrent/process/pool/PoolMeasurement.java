package dev.pyconcurrent.process.pool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.MapIterator;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * Throwaway measurement (a test-scope main, not a timed test): pool construction → first result, warm
 * submit→result round trip, and tasks/s for 2 workers × 20,000 tiny tasks via submit and via map with chunksize 1
 * and 256. Prints medians. Run: {@code java -cp <test classpath> dev.pyconcurrent.process.pool.PoolMeasurement [reps]}.
 */
public final class PoolMeasurement {
    private static final SerializableFunction<Integer, Integer> TINY = x -> x + 1;
    private static final int TASKS = 20_000;

    private PoolMeasurement() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Double> firstResult = new ArrayList<>();
        for (int i = 0; i < reps + 1; i++) {
            long t0 = System.nanoTime();
            try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
                pool.submit(TINY, 1).result();
                double ms = (System.nanoTime() - t0) / 1e6;
                if (i > 0) {
                    firstResult.add(ms); // the first pool pays the parent's class loading
                }
            }
        }
        System.out.printf("pool construction -> first result: median %.1f ms %s%n", median(firstResult),
                firstResult.stream().map(d -> String.format("%.0f", d)).collect(Collectors.toList()));
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            // warm both workers and the JIT
            for (int w = 0; w < 3; w++) {
                runSubmit(pool);
                runMap(pool, 1);
                runMap(pool, 256);
            }
            List<Double> rtt = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                long t0 = System.nanoTime();
                pool.submit(TINY, i).result();
                if (i >= 1000) {
                    rtt.add((System.nanoTime() - t0) / 1e3);
                }
            }
            Collections.sort(rtt);
            System.out.printf("warm round trip: p50 %.1f us, p90 %.1f us, p99 %.1f us%n", rtt.get(rtt.size() / 2),
                    rtt.get(rtt.size() * 9 / 10), rtt.get(rtt.size() * 99 / 100));
            List<Double> submit = new ArrayList<>();
            List<Double> map1 = new ArrayList<>();
            List<Double> map256 = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                submit.add(runSubmit(pool));
                map1.add(runMap(pool, 1));
                map256.add(runMap(pool, 256));
            }
            System.out.printf("2 workers x %d tasks: submit %.0f tasks/s, map chunksize 1 %.0f tasks/s, map chunksize"
                    + " 256 %.0f tasks/s%n", TASKS, median(submit), median(map1), median(map256));
            System.out.println("  submit runs " + fmt(submit) + "\n  map1 runs " + fmt(map1) + "\n  map256 runs "
                    + fmt(map256));
        }
    }

    private static double runSubmit(ProcessPoolExecutor pool) {
        long t0 = System.nanoTime();
        List<Future<Integer>> fs = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            fs.add(pool.submit(TINY, i));
        }
        long sum = 0;
        for (Future<Integer> f : fs) {
            sum += f.result();
        }
        check(sum);
        return TASKS / ((System.nanoTime() - t0) / 1e9);
    }

    private static double runMap(ProcessPoolExecutor pool, int chunksize) {
        List<Integer> inputs = IntStream.range(0, TASKS).boxed().collect(Collectors.toList());
        long t0 = System.nanoTime();
        long sum = 0;
        try (MapIterator<Integer> it = pool.map(TINY, inputs, MapOptions.defaults().withChunksize(chunksize))) {
            while (it.hasNext()) {
                sum += it.next();
            }
        }
        check(sum);
        return TASKS / ((System.nanoTime() - t0) / 1e9);
    }

    private static void check(long sum) {
        long expected = (long) TASKS * (TASKS - 1) / 2 + TASKS;
        if (sum != expected) {
            throw new IllegalStateException("wrong sum " + sum + ", expected " + expected);
        }
    }

    private static String fmt(List<Double> xs) {
        return xs.stream().map(d -> String.format("%.0f", d)).collect(Collectors.toList()).toString();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}

package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.futures.MapIterator;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.process.pool.ProcessPoolExecutor;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The tasks the process-pool workloads send to worker JVMs, and the warm-up they share with the CPython side. */
public final class PoolTasks {
    /** CPython's {@code square(x)}: the tiny task. */
    public static final SerializableFunction<Integer, Integer> SQUARE = PoolTasks::square;

    private PoolTasks() {
    }

    public static Integer square(Integer x) {
        return x * x;
    }

    /** The article's {@code each_task(n)}: the same floating-point loop, in the same order of operations. */
    public static Double eachTask(Integer n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += 1.0 / (i + 1) / (i + 1);
        }
        return Math.sqrt(6 * s);
    }

    public static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }

    /** As {@code cpy_process_pool._warm}: a 2,000-task map, so every worker exists and has run code. */
    static void warm(ProcessPoolExecutor pool) {
        drain(pool.map(SQUARE, range(2000)));
    }

    static long drain(MapIterator<Integer> it) {
        long sum = 0;
        try (it) {
            while (it.hasNext()) {
                sum += it.next();
            }
        }
        return sum;
    }

    static MapOptions chunks(int chunksize) {
        return MapOptions.defaults().withChunksize(chunksize);
    }
}

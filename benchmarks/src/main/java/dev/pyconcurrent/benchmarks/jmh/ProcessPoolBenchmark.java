package dev.pyconcurrent.benchmarks.jmh;

import dev.pyconcurrent.benchmarks.workloads.PoolTasks;
import dev.pyconcurrent.process.pool.ProcessPoolExecutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** Process pool submit → result of a tiny task ({@code square(7)}), 2 worker JVMs, sequential calls. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseParallelGC")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ProcessPoolBenchmark {
    private ProcessPoolExecutor pool;

    @Setup
    public void start() {
        pool = new ProcessPoolExecutor(2);
        pool.submit(PoolTasks.SQUARE, 1).result();
    }

    @TearDown
    public void stop() {
        pool.shutdown();
    }

    @Benchmark
    public Integer submitResult() {
        return pool.submit(PoolTasks.SQUARE, 7).result();
    }
}

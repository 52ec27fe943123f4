package dev.pyconcurrent.benchmarks.jmh;

import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;
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

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Thread pool submit → result of a no-op, 2 workers: this project's pool and the JDK's fixed pool. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseParallelGC")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ThreadPoolBenchmark {
    private ThreadPoolExecutor ours;
    private ExecutorService jdk;

    @Setup
    public void start() {
        ours = new ThreadPoolExecutor(2);
        jdk = Executors.newFixedThreadPool(2);
    }

    @TearDown
    public void stop() {
        ours.shutdown();
        jdk.shutdownNow();
    }

    @Benchmark
    public Integer pyconcurrentSubmitResult() {
        return ours.submit(() -> 1).result();
    }

    @Benchmark
    public Integer jucSubmitGet() throws InterruptedException, ExecutionException {
        return jdk.submit(() -> 1).get();
    }
}

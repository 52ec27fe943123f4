package dev.pyconcurrent.benchmarks.jmh;

import dev.pyconcurrent.futures.Future;
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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Future hand-off: the benchmark thread blocks in {@code result()}, a completer thread calls {@code setResult},
 * the benchmark thread wakes. The new future is published to the completer through a volatile slot the completer
 * spins on, so the figure is dominated by the blocking hand-off itself (lock, condition signal, unpark, wake-up).
 * {@link CompletableFuture#join()} measured the same way is the JDK reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseParallelGC")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FutureHandOffBenchmark {
    private volatile Object slot;
    private volatile boolean running;
    private Thread completer;

    @Setup
    public void startCompleter() {
        running = true;
        completer = new Thread(() -> {
            while (running) {
                Object f = slot;
                if (f == null) {
                    Thread.onSpinWait();
                    continue;
                }
                slot = null;
                complete(f);
            }
        }, "completer");
        completer.setDaemon(true);
        completer.start();
    }

    @SuppressWarnings("unchecked")
    private static void complete(Object f) {
        if (f instanceof Future<?> ours) {
            ((Future<Integer>) ours).setResult(1);
        } else {
            ((CompletableFuture<Integer>) f).complete(1);
        }
    }

    @TearDown
    public void stopCompleter() throws InterruptedException {
        running = false;
        completer.join(5_000);
    }

    @Benchmark
    public Integer pyconcurrentFuture() {
        Future<Integer> f = new Future<>();
        slot = f;
        return f.result();
    }

    @Benchmark
    public Integer completableFuture() {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        slot = f;
        return f.join();
    }
}

package dev.pyconcurrent.benchmarks.jmh;

import dev.pyconcurrent.benchmarks.children.QueueEchoChild;
import dev.pyconcurrent.ipc.queues.Queue;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code Queue} put → get across processes: this JVM puts an Integer on {@code in}, a child JVM gets it and puts it
 * on {@code out}, this JVM gets it. Both queues are hosted here, so the child's get is a remote round trip and its
 * put goes through its feeder thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseParallelGC")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class QueueRoundTripBenchmark {
    private Queue<Integer> in;
    private Queue<Integer> out;
    private QueueEchoChild child;
    private int next;

    @Setup
    public void start() throws InterruptedException {
        in = new Queue<>();
        out = new Queue<>();
        child = new QueueEchoChild(in, out);
        child.start();
        in.put(-1);
        out.get(Duration.ofSeconds(60)); // the child is up
    }

    @TearDown
    public void stop() throws InterruptedException {
        in.put(null);
        if (!child.join(Duration.ofSeconds(10))) {
            child.kill();
        }
    }

    @Benchmark
    public Integer putThroughChildAndGet() throws InterruptedException {
        in.put(next++);
        return out.get();
    }
}

package dev.pyconcurrent.benchmarks.jmh;

import dev.pyconcurrent.benchmarks.children.ConnectionPeer;
import dev.pyconcurrent.benchmarks.children.RawSocketPeer;
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

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * {@code Connection} round trip across processes: 64 bytes to an echoing child JVM and back (the harness's
 * {@link ConnectionPeer}), against the same over a raw JDK {@code SocketChannel} ({@link RawSocketPeer}). Each
 * invocation is a batch of 100 round trips (the peers' loops), so the figure is µs per 100 round trips.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseParallelGC")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ConnectionRoundTripBenchmark {
    private static final int BATCH = 100;
    private ConnectionPeer connection;
    private RawSocketPeer raw;

    @Setup
    public void start() throws IOException {
        connection = new ConnectionPeer();
        raw = new RawSocketPeer();
    }

    @TearDown
    public void stop() throws IOException {
        connection.close();
        raw.close();
    }

    @Benchmark
    public long[] connection100RoundTrips() throws IOException {
        return connection.pingPong(BATCH, 0, 64);
    }

    @Benchmark
    public long[] rawSocket100RoundTrips() throws IOException {
        return raw.pingPong(BATCH, 0, 64);
    }
}

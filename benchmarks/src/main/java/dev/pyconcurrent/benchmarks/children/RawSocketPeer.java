package dev.pyconcurrent.benchmarks.children;

import dev.pyconcurrent.benchmarks.harness.Jvm;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The parent end of the raw limit: a {@link RawSocketChild} JVM connected over a Unix socket. Lives for a whole
 * workload so its JIT-compiled loops stay warm between repetitions.
 *
 * <p>States: CONNECTED (child ready) → CLOSED by {@link #close()} (sends EXIT, waits, then kills if needed).
 */
public final class RawSocketPeer implements AutoCloseable {
    private final Process child;
    private final SocketChannel channel;
    private final RawFrames frames;
    private final Path dir;
    private final ByteBuffer small = ByteBuffer.allocateDirect(64 * 1024);
    private ByteBuffer large;

    public RawSocketPeer() throws IOException {
        dir = Files.createTempDirectory("bench-raw");
        Path path = dir.resolve("s");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            child = new ProcessBuilder(Jvm.command(List.of("-XX:+UseSerialGC"), RawSocketChild.class, path.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            channel = server.accept();
        }
        Files.deleteIfExists(path);
        frames = new RawFrames(channel);
        frames.read(small); // ready
    }

    /** Nanoseconds from sending the command to having read {@code count} frames of {@code size} bytes. */
    public long receive(int count, int size) throws IOException {
        ByteBuffer dst = buffer(size);
        long t0 = System.nanoTime();
        frames.write(ByteBuffer.wrap(Commands.encode(count, size)));
        for (int i = 0; i < count; i++) {
            frames.read(dst);
        }
        return System.nanoTime() - t0;
    }

    /** Round-trip times of {@code rounds} echoes of {@code size}-byte frames, after {@code warmup} untimed ones. */
    public long[] pingPong(int rounds, int warmup, int size) throws IOException {
        frames.write(ByteBuffer.wrap(Commands.encode(Commands.ECHO, size)));
        ByteBuffer payload = ByteBuffer.allocateDirect(size);
        ByteBuffer back = buffer(size);
        for (int i = 0; i < warmup; i++) {
            frames.write(payload);
            frames.read(back);
        }
        long[] samples = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            frames.write(payload);
            frames.read(back);
            samples[i] = System.nanoTime() - t0;
        }
        frames.write(ByteBuffer.allocate(0)); // end of echo
        return samples;
    }

    private ByteBuffer buffer(int size) {
        if (size <= small.capacity()) {
            return small;
        }
        if (large == null || large.capacity() < size) {
            large = ByteBuffer.allocateDirect(size);
        }
        return large;
    }

    @Override
    public void close() throws IOException {
        try {
            frames.write(ByteBuffer.wrap(Commands.encode(Commands.EXIT, 0)));
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
        } finally {
            channel.close();
            Files.deleteIfExists(dir);
        }
    }
}

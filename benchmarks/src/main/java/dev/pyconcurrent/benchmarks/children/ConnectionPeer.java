package dev.pyconcurrent.benchmarks.children;

import dev.pyconcurrent.ipc.connection.Addresses;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.Listener;
import dev.pyconcurrent.process.Process;

import java.io.IOException;
import java.time.Duration;

/**
 * The parent end of the library's cross-process {@link Connection}: a {@link Listener} (with the process authkey,
 * so the HMAC handshake runs as in CPython) and one {@link ConnectionChild}. Lives for a whole workload so both
 * JVMs stay warm between repetitions.
 *
 * <p>Java differs from CPython's {@code Pipe()} + fork here: a JVM cannot inherit a socketpair, so the child
 * connects back to a listening Unix socket; once connected it is the same kind of AF_UNIX stream socket.
 *
 * <p>States: CONNECTED (child ready) → CLOSED by {@link #close()} (EXIT command, join, kill if needed).
 */
public final class ConnectionPeer implements AutoCloseable {
    private final ConnectionChild child;
    private final Connection conn;
    private final byte[] small = new byte[64 * 1024];
    private byte[] large;

    public ConnectionPeer() throws IOException {
        try (Listener listener = new Listener(Addresses.arbitraryUnix(), Process.currentProcess().authkey())) {
            child = new ConnectionChild(listener.address().toString());
            child.start();
            conn = listener.accept();
        }
        conn.recvBytesInto(small); // ready
    }

    /**
     * Nanoseconds from sending the command to having received {@code count} messages of {@code size} bytes, with
     * {@code recvBytes()} (a fresh array per message, as CPython's {@code recv_bytes}) or, if {@code reuse},
     * {@code recvBytesInto} one reused array.
     */
    public long receive(int count, int size, boolean reuse) throws IOException {
        return receive(count, size, reuse, false);
    }

    /** As {@link #receive(int, int, boolean)}; {@code directSend}: the child sends a direct ByteBuffer. */
    public long receive(int count, int size, boolean reuse, boolean directSend) throws IOException {
        byte[] dst = buffer(size);
        long t0 = System.nanoTime();
        conn.sendBytes(Commands.encode(count, size, directSend));
        if (reuse) {
            for (int i = 0; i < count; i++) {
                conn.recvBytesInto(dst);
            }
        } else {
            for (int i = 0; i < count; i++) {
                conn.recvBytes();
            }
        }
        return System.nanoTime() - t0;
    }

    /** Round-trip times of {@code rounds} echoes of {@code size}-byte messages after {@code warmup} untimed ones. */
    public long[] pingPong(int rounds, int warmup, int size) throws IOException {
        conn.sendBytes(Commands.encode(Commands.ECHO, size));
        byte[] payload = new byte[size];
        byte[] back = buffer(size);
        for (int i = 0; i < warmup; i++) {
            conn.sendBytes(payload);
            conn.recvBytesInto(back);
        }
        long[] samples = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            conn.sendBytes(payload);
            conn.recvBytesInto(back);
            samples[i] = System.nanoTime() - t0;
        }
        conn.sendBytes(new byte[0]); // end of echo
        return samples;
    }

    private byte[] buffer(int size) {
        if (size <= small.length) {
            return small;
        }
        if (large == null || large.length < size) {
            large = new byte[size];
        }
        return large;
    }

    @Override
    public void close() throws IOException {
        try {
            conn.sendBytes(Commands.encode(Commands.EXIT, 0));
            if (!child.join(Duration.ofSeconds(10))) {
                child.kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill();
        } finally {
            conn.close();
        }
    }
}

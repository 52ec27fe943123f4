package dev.pyconcurrent.ipc.connection;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Throwaway measurement (a main, not a test): round-trip latency of 64-byte messages over a raw
 * blocking SocketChannel pair versus a Connection pair. Real benchmarks live in the benchmarks
 * module; this only checks the design choice (non-blocking socket + Selector waits) is cheap.
 */
public final class PingPongProbe {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        for (int i = 0; i < 3; i++) {
            System.out.printf("raw SocketChannel : %.2f us/round trip%n", raw(rounds));
            System.out.printf("Connection        : %.2f us/round trip%n", connection(rounds));
        }
    }

    static double raw(int rounds) throws Exception {
        SocketChannel[] pair = SocketPair.open();
        Thread echo = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(68);
            try {
                for (int i = 0; i < rounds; i++) {
                    b.clear();
                    while (b.hasRemaining()) { pair[1].read(b); }
                    b.flip();
                    while (b.hasRemaining()) { pair[1].write(b); }
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        echo.start();
        ByteBuffer b = ByteBuffer.allocateDirect(68);
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            b.clear();
            b.putInt(64).position(68).flip();
            while (b.hasRemaining()) { pair[0].write(b); }
            b.clear();
            while (b.hasRemaining()) { pair[0].read(b); }
        }
        long t1 = System.nanoTime();
        echo.join();
        pair[0].close();
        pair[1].close();
        return (t1 - t0) / 1000.0 / rounds;
    }

    static double connection(int rounds) throws Exception {
        try (Pipe p = Pipe.open()) {
            Thread echo = new Thread(() -> {
                byte[] buf = new byte[64];
                try {
                    for (int i = 0; i < rounds; i++) {
                        int n = p.second().recvBytesInto(buf);
                        p.second().sendBytes(buf, 0, n);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            echo.start();
            byte[] msg = new byte[64];
            byte[] in = new byte[64];
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                p.first().sendBytes(msg);
                p.first().recvBytesInto(in);
            }
            long t1 = System.nanoTime();
            echo.join();
            return (t1 - t0) / 1000.0 / rounds;
        }
    }
}

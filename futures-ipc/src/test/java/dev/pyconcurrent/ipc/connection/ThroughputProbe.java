package dev.pyconcurrent.ipc.connection;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Callable;

/**
 * Throwaway measurement (a main, not a test): one-way throughput of 1 MiB messages between two
 * threads over a raw blocking SocketChannel pair (reused direct buffers: the limit) versus a
 * {@link Pipe} with each receive style. Real benchmarks live in the benchmarks module; this only
 * checks the receive path's copy strategy. Usage:
 * {@code ThroughputProbe [messages] [rounds] [arrays-only]}.
 */
public final class ThroughputProbe {
    static final int SIZE = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < rounds; r++) {
            report("raw SocketChannel, direct buffers      ", messages, raw(messages));
            report("Pipe: sendBytes(byte[]) / recvBytes()   ", messages, pipe(messages, false, Receive.FRESH));
            report("Pipe: direct send / recvBytesInto(byte[])", messages, pipe(messages, true, Receive.ARRAY));
            if (args.length > 2 && args[2].equals("arrays-only")) {
                continue;
            }
            report("Pipe: direct send / recvBytesInto(heap)  ", messages, pipe(messages, true, Receive.HEAP_BUFFER));
            report("Pipe: direct send / recvBytesInto(direct)", messages, pipe(messages, true, Receive.DIRECT_BUFFER));
        }
    }

    enum Receive { FRESH, ARRAY, HEAP_BUFFER, DIRECT_BUFFER }

    static void report(String label, int messages, long nanos) {
        double mib = (double) messages * SIZE / (1024 * 1024);
        System.out.printf("%s : %8.0f MiB/s%n", label, mib / (nanos / 1e9));
    }

    static long raw(int messages) throws Exception {
        SocketChannel[] pair = SocketPair.open();
        try {
            Thread sender = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocateDirect(SIZE + 4);
                try {
                    for (int i = 0; i < messages; i++) {
                        b.clear();
                        b.putInt(0, SIZE);
                        while (b.hasRemaining()) { pair[0].write(b); }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            ByteBuffer b = ByteBuffer.allocateDirect(SIZE + 4);
            long t0 = System.nanoTime();
            sender.start();
            for (int i = 0; i < messages; i++) {
                b.clear();
                while (b.hasRemaining()) { pair[1].read(b); }
            }
            long t1 = System.nanoTime();
            sender.join();
            return t1 - t0;
        } finally {
            pair[0].close();
            pair[1].close();
        }
    }

    static long pipe(int messages, boolean directSend, Receive receive) throws Exception {
        try (Pipe p = Pipe.open()) {
            Thread sender = new Thread(() -> {
                byte[] heap = new byte[SIZE];
                ByteBuffer direct = ByteBuffer.allocateDirect(SIZE);
                try {
                    for (int i = 0; i < messages; i++) {
                        if (directSend) {
                            p.first().sendBytes(direct.clear());
                        } else {
                            p.first().sendBytes(heap);
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            byte[] array = new byte[SIZE];
            ByteBuffer heapBuffer = ByteBuffer.allocate(SIZE);
            ByteBuffer directBuffer = ByteBuffer.allocateDirect(SIZE);
            Callable<Integer> one = switch (receive) {
                case FRESH -> () -> p.second().recvBytes().length;
                case ARRAY -> () -> p.second().recvBytesInto(array);
                case HEAP_BUFFER -> () -> recvInto(p.second(), heapBuffer.clear());
                case DIRECT_BUFFER -> () -> recvInto(p.second(), directBuffer.clear());
            };
            long t0 = System.nanoTime();
            sender.start();
            long total = 0;
            for (int i = 0; i < messages; i++) {
                total += one.call();
            }
            long t1 = System.nanoTime();
            sender.join();
            if (total != (long) messages * SIZE) {
                throw new AssertionError("lost bytes: " + total);
            }
            return t1 - t0;
        }
    }

    static int recvInto(Connection c, ByteBuffer dst) throws Exception {
        return c.recvBytesInto(dst);
    }
}

package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.children.ConnectionPeer;
import dev.pyconcurrent.benchmarks.children.RawSocketPeer;
import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.benchmarks.harness.Target;
import dev.pyconcurrent.benchmarks.harness.Workload;

import java.util.Map;

/**
 * Workload 4 (Pipe half): a child process sends messages, the parent receives them; 64 B messages/s and
 * 1 MiB MiB/s, clock from "go" to the last message received. Three sides: the library's {@code Connection} between
 * two JVMs, CPython's {@code Pipe()} (fork, AF_UNIX socketpair, {@code send_bytes}/{@code recv_bytes}), and the raw
 * limit (plain JDK {@code SocketChannel}s, reused direct buffers). The Java children live for the whole workload, so
 * both JVMs are warm (the warm-up repetition runs their loops through the JIT).
 */
public final class PipeThroughputWorkload implements Workload {
    private static final int MIB = 1 << 20;

    @Override
    public String id() {
        return "pipe";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int smallCount = ctx.size(100_000, 1_000);
        int bigCount = ctx.size(1_000, 5);
        Row small = ctx.results().row("pipe-64", "4. Pipe across processes, " + smallCount + " × 64 B",
                        "one-way throughput", "msgs/s", true)
                .limit("two syscalls per message at best (one write, ~one read); Connection adds a lock and a "
                        + "fresh byte[] per recvBytes()");
        Row big = ctx.results().row("pipe-1m", "4. Pipe across processes, " + bigCount + " × 1 MiB",
                        "one-way throughput (recvBytes: fresh array per message)", "MiB/s", true)
                .target(Target.atLeastOf(Side.RAW_SOCKET, 0.8))
                .limit("memory bandwidth: heap → 64 KiB direct buffer copy on send, socket copies, and a fresh "
                        + "1 MiB byte[] per message (zeroing + GC) on receive");
        Row bigInto = ctx.results().row("pipe-1m-into", "4. Pipe across processes, " + bigCount + " × 1 MiB",
                        "one-way throughput (best API use: direct ByteBuffer send, recvBytesInto reused array)",
                        "MiB/s", true)
                .target(Target.atLeastOf(Side.RAW_SOCKET, 0.8))
                .limit("the send side is zero-copy like the raw limit; the receive side still copies each 1 MiB "
                        + "from the 64 KiB direct read-ahead buffer into the byte[] (the API has no direct-buffer "
                        + "receive), which the raw limit does not");
        try (ConnectionPeer ours = new ConnectionPeer(); RawSocketPeer raw = new RawSocketPeer()) {
            ctx.alternate(() -> {
                ctx.record(small, Side.OURS, smallCount / seconds(ours.receive(smallCount, 64, false)));
                ctx.record(small, Side.RAW_SOCKET, smallCount / seconds(raw.receive(smallCount, 64)));
                ctx.record(big, Side.OURS, bigCount / seconds(ours.receive(bigCount, MIB, false)));
                double rawBig = bigCount / seconds(raw.receive(bigCount, MIB));
                ctx.record(big, Side.RAW_SOCKET, rawBig);
                ctx.record(bigInto, Side.RAW_SOCKET, rawBig);
                ctx.record(bigInto, Side.OURS, bigCount / seconds(ours.receive(bigCount, MIB, true, true)));
            }, () -> {
                Map<String, Double> s = ctx.py("ipc_throughput", "kind", "pipe", "count", smallCount, "size", 64);
                ctx.record(small, Side.CPYTHON, s.get("msgs_per_s"));
                Map<String, Double> b = ctx.py("ipc_throughput", "kind", "pipe", "count", bigCount, "size", MIB);
                ctx.record(big, Side.CPYTHON, b.get("mib_per_s"));
                ctx.record(bigInto, Side.CPYTHON, b.get("mib_per_s"));
            });
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

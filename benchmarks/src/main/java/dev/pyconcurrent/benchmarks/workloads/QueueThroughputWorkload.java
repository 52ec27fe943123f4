package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.children.QueueChild;
import dev.pyconcurrent.benchmarks.children.RawSocketPeer;
import dev.pyconcurrent.benchmarks.harness.BenchContext;
import dev.pyconcurrent.benchmarks.harness.Row;
import dev.pyconcurrent.benchmarks.harness.Side;
import dev.pyconcurrent.benchmarks.harness.Target;
import dev.pyconcurrent.benchmarks.harness.Workload;
import dev.pyconcurrent.ipc.queues.Queue;

import java.time.Duration;
import java.util.Map;

/**
 * Workload 4 (Queue half): a child process puts messages on a cross-process {@code Queue}, the parent gets them;
 * 64 B messages/s and 1 MiB MiB/s, clock from the command to the last item received. The queue is created (hosted)
 * in the parent, so the child's puts stream through its feeder thread and the parent's gets are local, the same
 * direction as CPython's script (fork child producer, parent consumer). The raw socket limit is measured beside it.
 */
public final class QueueThroughputWorkload implements Workload {
    private static final int MIB = 1 << 20;

    @Override
    public String id() {
        return "queue";
    }

    @Override
    public void run(BenchContext ctx) throws Exception {
        int smallCount = ctx.size(100_000, 1_000);
        int bigCount = ctx.size(1_000, 5);
        Row small = ctx.results().row("queue-64", "4. Queue across processes, " + smallCount + " × 64 B",
                        "one-way throughput", "msgs/s", true)
                .target(Target.betterThanCpython(2))
                .limit("per item: serialization of a byte[] (put) and deserialization (get), the feeder thread's "
                        + "hand-off, the host's item store; CPython pickles and uses a feeder thread too. The feeder "
                        + "streams many items per socket write, so the Queue can beat the raw limit's one write per "
                        + "message");
        Row big = ctx.results().row("queue-1m", "4. Queue across processes, " + bigCount + " × 1 MiB",
                        "one-way throughput", "MiB/s", true)
                .limit("copies: serialize (1 MiB copy), socket, host store, deserialize (another copy + allocation)");
        Queue<byte[]> data = new Queue<>();
        Queue<int[]> commands = new Queue<>();
        QueueChild child = new QueueChild(data, commands);
        child.start();
        try (RawSocketPeer raw = new RawSocketPeer()) {
            data.get(Duration.ofSeconds(60)); // ready
            ctx.alternate(() -> {
                ctx.record(small, Side.OURS, smallCount / seconds(receive(data, commands, smallCount, 64)));
                ctx.record(small, Side.RAW_SOCKET, smallCount / seconds(raw.receive(smallCount, 64)));
                ctx.record(big, Side.OURS, bigCount / seconds(receive(data, commands, bigCount, MIB)));
                ctx.record(big, Side.RAW_SOCKET, bigCount / seconds(raw.receive(bigCount, MIB)));
            }, () -> {
                Map<String, Double> s = ctx.py("ipc_throughput", "kind", "queue", "count", smallCount, "size", 64);
                ctx.record(small, Side.CPYTHON, s.get("msgs_per_s"));
                Map<String, Double> b = ctx.py("ipc_throughput", "kind", "queue", "count", bigCount, "size", MIB);
                ctx.record(big, Side.CPYTHON, b.get("mib_per_s"));
            });
        } finally {
            commands.put(new int[] {0, 0});
            if (!child.join(Duration.ofSeconds(20))) {
                child.kill();
            }
        }
    }

    static long receive(Queue<byte[]> data, Queue<int[]> commands, int count, int size) throws InterruptedException {
        long t0 = System.nanoTime();
        commands.put(new int[] {count, size});
        for (int i = 0; i < count; i++) {
            byte[] item = data.get();
            if (item.length != size) {
                throw new IllegalStateException("queue delivered " + item.length + " bytes, expected " + size);
            }
        }
        return System.nanoTime() - t0;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

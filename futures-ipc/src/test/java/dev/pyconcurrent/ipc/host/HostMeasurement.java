package dev.pyconcurrent.ipc.host;

import dev.pyconcurrent.ipc.queues.Queue;
import dev.pyconcurrent.ipc.queues.SimpleQueue;
import dev.pyconcurrent.ipc.shared.Value;
import dev.pyconcurrent.ipc.sync.Guard;
import dev.pyconcurrent.ipc.sync.Lock;
import dev.pyconcurrent.ipc.testing.ChildJvm;
import java.time.Duration;
import java.util.List;

/**
 * Throwaway measurement (a main, not a test): queue throughput locally and across processes in
 * both directions with 64-byte payloads, remote Lock round trip, Value increment under its lock.
 * Run: {@code java -cp <test classpath> dev.pyconcurrent.ipc.host.HostMeasurement [messages]}.
 * Results are recorded in {@code futures-ipc/docs/queues-sync-shared.md}.
 */
public final class HostMeasurement {
    private static final List<String> FLAGS = List.of("-XX:+UseSerialGC");

    private HostMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < reps; r++) {
            System.out.printf("rep %d%n", r);
            System.out.printf("  local Queue put->get (2 threads)      %,12.0f msgs/s%n", localQueue(n));
            System.out.printf("  host producer -> remote consumer      %,12.0f msgs/s%n", hostToRemote(n));
            System.out.printf("  remote producer -> host consumer      %,12.0f msgs/s%n", remoteToHost(n, false));
            System.out.printf("  remote producer -> host (SimpleQueue) %,12.0f msgs/s%n", remoteToHost(n, true));
            System.out.printf("  remote Lock acquire+release           %,12.1f us/pair%n", remoteLock(20_000));
            System.out.printf("  local Value increment under lock      %,12.0f incr/s%n", localIncrement(1_000_000));
            System.out.printf("  remote Value increment under lock     %,12.0f incr/s%n", remoteIncrement(20_000));
        }
        System.exit(0);
    }

    static double localQueue(int n) throws Exception {
        Queue<byte[]> q = new Queue<>();
        byte[] payload = new byte[64];
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    q.put(payload);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        producer.start();
        for (int i = 0; i < n; i++) {
            q.get();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    static double hostToRemote(int n) throws Exception {
        Queue<byte[]> q = new Queue<>();
        byte[] payload = new byte[64];
        ChildJvm c = ChildJvm.startWith(FLAGS, HostMeasurement.class, "consume", q, n);
        for (int i = 0; i < n; i++) {
            q.put(payload);
        }
        c.assertSucceeds(Duration.ofMinutes(5));
        return Double.parseDouble(c.output().get(0));
    }

    /** Child: gets n items; prints msgs/s from the first to the last get. */
    static void consume(Object[] a) throws Exception {
        @SuppressWarnings("unchecked")
        Queue<byte[]> q = (Queue<byte[]>) a[0];
        int n = (Integer) a[1];
        q.get();
        long t0 = System.nanoTime();
        for (int i = 1; i < n; i++) {
            q.get();
        }
        System.out.println((n - 1) / ((System.nanoTime() - t0) / 1e9));
    }

    static double remoteToHost(int n, boolean simple) throws Exception {
        Object q = simple ? new SimpleQueue<byte[]>() : new Queue<byte[]>();
        ChildJvm c = ChildJvm.startWith(FLAGS, HostMeasurement.class, "produce", q, n);
        take(q);
        long t0 = System.nanoTime();
        for (int i = 1; i < n; i++) {
            take(q);
        }
        double rate = (n - 1) / ((System.nanoTime() - t0) / 1e9);
        c.assertSucceeds(Duration.ofMinutes(5));
        return rate;
    }

    @SuppressWarnings("unchecked")
    private static void take(Object q) throws InterruptedException {
        if (q instanceof SimpleQueue<?> s) {
            s.get();
        } else {
            ((Queue<byte[]>) q).get();
        }
    }

    /** Child: puts n 64-byte items. */
    @SuppressWarnings("unchecked")
    static void produce(Object[] a) throws Exception {
        int n = (Integer) a[1];
        byte[] payload = new byte[64];
        if (a[0] instanceof SimpleQueue<?> s) {
            SimpleQueue<byte[]> q = (SimpleQueue<byte[]>) s;
            for (int i = 0; i < n; i++) {
                q.put(payload);
            }
            return;
        }
        Queue<byte[]> q = (Queue<byte[]>) a[0];
        for (int i = 0; i < n; i++) {
            q.put(payload);
        }
        q.close();
        q.joinThread();
    }

    static double remoteLock(int pairs) throws Exception {
        ChildJvm c = ChildJvm.startWith(FLAGS, HostMeasurement.class, "lockPairs", new Lock(), pairs);
        c.assertSucceeds(Duration.ofMinutes(5));
        return Double.parseDouble(c.output().get(0));
    }

    /** Child: prints microseconds per acquire+release pair (after a warm-up). */
    static void lockPairs(Object[] a) throws Exception {
        Lock lock = (Lock) a[0];
        int pairs = (Integer) a[1];
        for (int i = 0; i < 2_000; i++) {
            lock.acquire();
            lock.release();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            lock.acquire();
            lock.release();
        }
        System.out.println((System.nanoTime() - t0) / 1e3 / pairs);
    }

    static double localIncrement(int n) throws Exception {
        Value v = new Value('q', 0);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Guard g = v.getLock().guard()) {
                v.setLong(v.getLong() + 1);
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    static double remoteIncrement(int n) throws Exception {
        Value v = new Value('q', 0);
        ChildJvm c = ChildJvm.startWith(FLAGS, HostMeasurement.class, "increments", v, n);
        c.assertSucceeds(Duration.ofMinutes(5));
        if (v.getLong() != n) {
            throw new AssertionError("lost increments: " + v.getLong());
        }
        return Double.parseDouble(c.output().get(0));
    }

    /** Child: increments under the (remote) lock; prints increments/s. */
    static void increments(Object[] a) throws Exception {
        Value v = (Value) a[0];
        int n = (Integer) a[1];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Guard g = v.getLock().guard()) {
                v.setLong(v.getLong() + 1);
            }
        }
        System.out.println(n / ((System.nanoTime() - t0) / 1e9));
    }
}

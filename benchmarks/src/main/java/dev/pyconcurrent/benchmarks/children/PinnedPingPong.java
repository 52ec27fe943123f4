package dev.pyconcurrent.benchmarks.children;

import dev.pyconcurrent.benchmarks.harness.Stats;

/**
 * One ping-pong repetition in a JVM of its own, so that the harness can start it under {@code taskset -c 0}: this
 * JVM and the echo child it starts (which inherits the affinity) then share one CPU, as CPython's pinned figure
 * does. Prints {@code p50_us=<x>} and {@code p99_us=<y>}.
 *
 * <p>Usage: {@code PinnedPingPong ours|raw <rounds> <warmup>}. The warm-up is long (JIT of both ends happens in
 * it), since this JVM is fresh for every repetition.
 */
public final class PinnedPingPong {
    private PinnedPingPong() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        long[] samples;
        if (args[0].equals("raw")) {
            try (RawSocketPeer peer = new RawSocketPeer()) {
                samples = peer.pingPong(rounds, warmup, 64);
            }
        } else {
            try (ConnectionPeer peer = new ConnectionPeer()) {
                samples = peer.pingPong(rounds, warmup, 64);
            }
        }
        System.out.println("p50_us=" + Stats.percentileMicros(samples, 0.50));
        System.out.println("p99_us=" + Stats.percentileMicros(samples, 0.99));
        System.exit(0); // daemon helpers of the library must not keep this JVM alive
    }
}

package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.benchmarks.harness.Workload;

import java.util.List;

/** Every workload of issue 8, in report order. */
public final class Workloads {
    private Workloads() {
    }

    public static List<Workload> all() {
        return List.of(new ThreadPoolWorkload(), new ProcessPoolWorkload(), new RoundTripWorkload(),
                new QueueThroughputWorkload(), new PipeThroughputWorkload(), new PingPongWorkload(),
                new StartupWorkload(), new ArticlePiWorkload());
    }
}

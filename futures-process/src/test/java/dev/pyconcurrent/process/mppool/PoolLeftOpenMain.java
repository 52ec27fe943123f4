package dev.pyconcurrent.process.mppool;

import java.util.List;

/**
 * Child-JVM program of {@code ProcessPoolLifecycleTest#aPoolNeverClosedDoesNotHoldUpJvmExit}: starts a pool, runs a
 * task, prints the worker pids and returns from {@code main} with the pool still running (CPython's
 * {@code test_worker_finalization_via_atexit_handler_of_multiprocessing}, whose pool sits in a global).
 */
public final class PoolLeftOpenMain {
    static ProcessPool leftOpen; // held by a static, never closed

    private PoolLeftOpenMain() {
    }

    public static void main(String[] args) {
        leftOpen = new ProcessPool(2);
        leftOpen.map(MpTasks.SQR, List.of(1, 2, 3, 4), 1);
        StringBuilder pids = new StringBuilder("worker pids:");
        leftOpen.workerPids().forEach(pid -> pids.append(' ').append(pid));
        System.out.println(pids);
        System.out.flush();
    }
}

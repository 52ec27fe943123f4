package dev.pyconcurrent.benchmarks.workloads;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.Futures;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/** The pyconcurrent-java side of workload 1: futures-thread's {@link ThreadPoolExecutor}, used as CPython's is. */
final class OursThreadPool {
    private OursThreadPool() {
    }

    /**
     * tasks/s from the first submit to the last result; {@code useWait}: {@code Futures.wait(all)} as CPython's
     * script does, else {@code result()} of each future in turn.
     */
    static double tasksPerSecond(int tasks, int workers, boolean useWait) throws Exception {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(workers)) {
            // Workers start lazily (as in CPython): hold them at a barrier so all exist before the clock starts.
            CyclicBarrier barrier = new CyclicBarrier(workers + 1);
            List<Future<Integer>> started = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                started.add(pool.submit(() -> barrier.await()));
            }
            barrier.await();
            Futures.wait(started);
            SerializableCallable<Object> noop = () -> null;
            List<Future<Object>> futures = new ArrayList<>(tasks);
            long t0 = System.nanoTime();
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.submit(noop));
            }
            if (useWait) {
                Futures.wait(futures);
            } else {
                for (Future<Object> f : futures) {
                    f.result();
                }
            }
            return tasks / ((System.nanoTime() - t0) / 1e9);
        }
    }
}

package dev.pyconcurrent.examples.multiprocessing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.process.mppool.ProcessPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002, "Pool", third example (blocking):
 * <pre>
 * pool = Pool(8)
 * for i in range(100):
 *     pool.apply(test, args=(i,))   # the article measured: only one call runs at a time
 * print("test")
 * pool.close()
 * pool.join()
 * </pre>
 * Output: the numbers 0 to 99 strictly in order, then {@code test}, then what the example shows:
 * <pre>
 * 0
 * 1
 * ...
 * 99
 * test
 * 100 calls ran in 8 worker processes (pid×calls: ...), none in this one (pid 5100)
 * at most 1 call ran at once although the pool has 8 workers: apply() waits for each result; 100 calls took 2.31 s
 * (at least 100 × 20 ms: one call after the other)
 * </pre>
 * {@code apply(f, x)} is {@code apply_async(f, x).get()}: the loop cannot queue the next call before the previous
 * one returned, so the pool's other workers sit idle. To run calls in parallel, use {@code apply_async} (see
 * {@code pool-apply-async}) or {@code map}. Each call sleeps {@code --work-ms} to stand for work.
 */
@Command(name = "pool-apply", mixinStandardHelpOptions = true,
        description = "multiprocessing.Pool: apply in a loop; each call blocks, so one runs at a time.")
public final class PoolApply implements Callable<Integer> {

    @Option(names = "--processes", defaultValue = "8", description = "worker processes (default: ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--items", defaultValue = "100", description = "calls to make (default: ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--work-ms", defaultValue = "20", description = "simulated work per call (default: ${DEFAULT-VALUE})")
    long workMillis;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PoolApply()).execute(args));
    }

    @Override
    public Integer call() {
        long work = workMillis;
        SerializableFunction<Integer, PoolTimeline.Call> test = i -> PoolTimeline.test(i, work);
        List<PoolTimeline.Call> calls = new ArrayList<>();
        ProcessPool pool = new ProcessPool(processes); // pool = Pool(8)
        long start = System.nanoTime();
        for (int i = 0; i < items; i++) {
            calls.add(pool.apply(test, i)); // pool.apply(test, args=(i,)): blocks until test(i) returned
        }
        double took = (System.nanoTime() - start) / 1e9;
        System.out.println("test"); // print("test")
        pool.shutdown(); // pool.close()
        boolean exited = pool.join(Duration.ofSeconds(60)); // pool.join()

        int peak = PoolTimeline.peakConcurrency(calls);
        System.out.println(PoolTimeline.perProcess(calls));
        System.out.printf("at most %d call%s ran at once although the pool has %d workers: apply() waits for each"
                + " result; %d calls took %.2f s (at least %d × %d ms: one call after the other)%n", peak, peak == 1 ? "" : "s",
                processes, items, took, items, workMillis);
        pool.terminate();
        return exited ? 0 : 1;
    }
}

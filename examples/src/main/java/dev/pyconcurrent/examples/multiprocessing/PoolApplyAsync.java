package dev.pyconcurrent.examples.multiprocessing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.process.mppool.ProcessPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002, "Pool", second example (asynchronous, non-blocking):
 * <pre>
 * pool = Pool(8)
 * for i in range(100):
 *     pool.apply_async(test, args=(i,))   # keeps 8 processes busy; a new call starts when one finishes
 * print("test")
 * pool.close()
 * pool.join()
 * </pre>
 * Output: {@code test} comes first (the loop only queues the calls: {@code apply_async} returns at once), then the
 * numbers as the eight workers get to them, then what the example shows:
 * <pre>
 * test
 * 0
 * 1
 * ...
 * the loop queued 100 calls in 4 ms; "test" was printed 812 ms before the first call finished
 * 100 calls ran in 8 worker processes (pid×calls: ...), none in this one (pid 5100)
 * at most 8 calls ran at once (the pool has 8 workers); close()+join() waited 1.41 s for the queued calls
 * </pre>
 * The callback of each {@code apply_async} (here: collecting the call's record) runs in the pool's result-handler
 * thread, as in CPython, and must not block. Each call sleeps {@code --work-ms} to stand for work; the article's
 * {@code test} only prints.
 */
@Command(name = "pool-apply-async", mixinStandardHelpOptions = true,
        description = "multiprocessing.Pool: apply_async in a loop; submission does not wait, 8 calls run at a time.")
public final class PoolApplyAsync implements Callable<Integer> {

    @Option(names = "--processes", defaultValue = "8", description = "worker processes (default: ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--items", defaultValue = "100", description = "calls to submit (default: ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--work-ms", defaultValue = "100", description = "simulated work per call (default: ${DEFAULT-VALUE})")
    long workMillis;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PoolApplyAsync()).execute(args));
    }

    @Override
    public Integer call() {
        long work = workMillis;
        SerializableFunction<Integer, PoolTimeline.Call> test = i -> PoolTimeline.test(i, work);
        List<PoolTimeline.Call> calls = new CopyOnWriteArrayList<>();
        ProcessPool pool = new ProcessPool(processes); // pool = Pool(8)
        long loopStart = System.nanoTime();
        for (int i = 0; i < items; i++) {
            pool.applyAsync(test, i, calls::add, null); // pool.apply_async(test, args=(i,)), callback collects
        }
        long loopMillis = (System.nanoTime() - loopStart) / 1_000_000;
        System.out.println("test"); // print("test")
        long printedAt = System.currentTimeMillis();
        long closeStart = System.nanoTime();
        pool.shutdown(); // pool.close()
        boolean exited = pool.join(Duration.ofSeconds(120)); // pool.join()
        double joined = (System.nanoTime() - closeStart) / 1e9;

        System.out.printf("the loop queued %d calls in %d ms; \"test\" was printed %d ms before the first call"
                + " finished%n", items, loopMillis, PoolTimeline.firstEnd(calls) - printedAt);
        System.out.println(PoolTimeline.perProcess(calls));
        System.out.printf("at most %d calls ran at once (the pool has %d workers); close()+join() waited %.2f s for"
                + " the queued calls%n", PoolTimeline.peakConcurrency(calls), processes, joined);
        pool.terminate();
        return exited && calls.size() == items ? 0 : 1;
    }
}

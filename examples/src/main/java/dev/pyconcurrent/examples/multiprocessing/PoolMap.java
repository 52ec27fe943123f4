package dev.pyconcurrent.examples.multiprocessing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.Pool;
import dev.pyconcurrent.process.mppool.ProcessPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002, "Pool", first example ({@code Pool+map}):
 * <pre>
 * from multiprocessing import Pool
 * def test(i):
 *     print(i)
 * if __name__ == "__main__":
 *     lists = range(100)
 *     pool = Pool(8)
 *     pool.map(test, lists)
 *     pool.close()
 *     pool.join()
 * </pre>
 * Output: the numbers 0 to 99, printed by eight worker processes (so in runs, not in order: {@code map} cuts the
 * list into chunks of {@code ceil(100 / (8 * 4)) = 4} and each worker takes a chunk at a time), then what the
 * example shows:
 * <pre>
 * 0
 * 1
 * 2
 * 3
 * 8
 * ...
 * pool.map blocked 1.52 s and returned 100 results in input order: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...]
 * 100 calls ran in 8 worker processes (pid×calls: 5101×12, 5102×16, ...), none in this one (pid 5100)
 * chunksize 4 (CPython's rule: ceil(100 / (8 workers * 4))); at most 8 calls ran at once
 * workers: PoolWorker-1, PoolWorker-2, ..., PoolWorker-8; after close() and join() all have exited
 * </pre>
 * {@code pool.close()} is {@link Pool#shutdown()} in Java ({@code close()} belongs to {@code AutoCloseable} and
 * means CPython's {@code with}-exit, which terminates). Each call sleeps {@code --work-ms} to stand for work, so the
 * chunks spread over the workers; the article's {@code test} only prints.
 */
@Command(name = "pool-map", mixinStandardHelpOptions = true,
        description = "multiprocessing.Pool: pool.map(test, range(100)) on 8 worker processes, then close/join.")
public final class PoolMap implements Callable<Integer> {

    @Option(names = "--processes", defaultValue = "8", description = "worker processes (default: ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--items", defaultValue = "100", description = "range(ITEMS) is mapped (default: ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--work-ms", defaultValue = "50", description = "simulated work per call (default: ${DEFAULT-VALUE})")
    long workMillis;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PoolMap()).execute(args));
    }

    @Override
    public Integer call() {
        List<Integer> lists = IntStream.range(0, items).boxed().toList(); // lists = range(100)
        long work = workMillis;
        SerializableFunction<Integer, PoolTimeline.Call> test = i -> PoolTimeline.test(i, work);
        ProcessPool pool = new ProcessPool(processes); // pool = Pool(8)
        List<String> workers = pool.workerNames();
        long start = System.nanoTime();
        List<PoolTimeline.Call> calls = pool.map(test, lists); // pool.map(test, lists)
        double blocked = (System.nanoTime() - start) / 1e9;
        pool.shutdown(); // pool.close()
        boolean exited = pool.join(Duration.ofSeconds(60)); // pool.join()

        List<Integer> order = calls.stream().map(PoolTimeline.Call::i).toList();
        System.out.printf("pool.map blocked %.2f s and returned %d results in input order: %s%s%n", blocked,
                calls.size(), abbreviate(order), order.equals(lists) ? "" : "  (NOT in input order!)");
        System.out.println(PoolTimeline.perProcess(calls));
        System.out.printf("chunksize %d (CPython's rule: ceil(%d / (%d workers * 4))); at most %d calls ran at once%n",
                Pool.defaultChunksize(items, processes), items, processes, PoolTimeline.peakConcurrency(calls));
        System.out.println("workers: " + String.join(", ", workers) + "; after close() and join() "
                + (exited && pool.workerPids().isEmpty() ? "all have exited" : "SOME ARE STILL RUNNING"));
        pool.terminate();
        return exited ? 0 : 1;
    }

    static String abbreviate(List<Integer> xs) {
        List<String> head = xs.stream().limit(10).map(String::valueOf).toList();
        return "[" + String.join(", ", head) + (xs.size() > 10 ? ", ...]" : "]");
    }
}

package dev.pyconcurrent.examples.multiprocessing;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.pool.Pool;
import dev.pyconcurrent.futures.thread.ThreadPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002, "multiprocessing.dummy": the {@code multiprocessing.Pool} API backed by threads, imported as
 * {@code from multiprocessing.dummy import Pool as ThreadPool}. The article's Pool example, run on it:
 * <pre>
 * from multiprocessing.dummy import Pool as ThreadPool
 * def test(i):
 *     print(i)
 * pool = ThreadPool(8)
 * pool.map(test, range(100))
 * pool.close()
 * pool.join()
 * </pre>
 * Output: the numbers 0 to 99, one per line, roughly in order but not exactly (eight threads print them), then what
 * makes it "dummy":
 * <pre>
 * 0
 * 4
 * 1
 * ...
 * 99
 * pool.map returned 100 results in input order: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...]
 * 100 calls ran on 8 threads of one process (pid 4242): ThreadPool-0_Worker-0, ..., ThreadPool-0_Worker-7
 * 100 calls of 10 ms each took 0.21 s on 8 threads (one thread: about 1.00 s)
 * </pre>
 * Every call runs in a thread of this JVM, so nothing is serialized and the workers share memory; what the article
 * says of the threads module applies (a fit for IO-bound work). Java's {@link ThreadPool} implements the same
 * {@link Pool} interface the process pool implements, so switching between threads and processes is changing the
 * constructor, as switching the import is in Python. {@code pool.close()} is {@link Pool#shutdown()} here, because
 * Java's {@code close()} belongs to {@code AutoCloseable} (see {@link Pool}). The calls sleep {@code --io-ms} to
 * stand for IO; the article's {@code test} only prints.
 */
@Command(name = "dummy-pool", mixinStandardHelpOptions = true,
        description = "multiprocessing.dummy.Pool: the Pool API on threads; pool.map(test, range(100)) on 8 threads.")
public final class DummyPool implements Callable<Integer> {

    @Option(names = "--processes", defaultValue = "8", description = "worker threads (default: ${DEFAULT-VALUE})")
    int processes;

    @Option(names = "--items", defaultValue = "100", description = "range(ITEMS) is mapped (default: ${DEFAULT-VALUE})")
    int items;

    @Option(names = "--io-ms", defaultValue = "10", description = "simulated IO per call (default: ${DEFAULT-VALUE})")
    long ioMillis;

    private final Set<String> threadsUsed = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) {
        System.exit(new CommandLine(new DummyPool()).execute(args));
    }

    /** The article's {@code test(i)}: prints its argument (and here also returns it and notes its thread). */
    int test(int i) {
        sleep(ioMillis); // simulated IO
        System.out.println(i);
        threadsUsed.add(Thread.currentThread().getName());
        return i;
    }

    @Override
    public Integer call() {
        List<Integer> range = IntStream.range(0, items).boxed().toList();
        // The pool logs through slf4j; logback reads its configuration on first use (about half a second): do that
        // before the clock starts, so the timing below is the calls' and not the logger's.
        LoggerFactory.getLogger(ThreadPool.class);
        long start = System.nanoTime();
        Pool pool = new ThreadPool(processes); // pool = ThreadPool(8)
        List<Integer> results = pool.map(this::test, range); // pool.map(test, range(100))
        pool.shutdown(); // pool.close()
        boolean exited = pool.join(Duration.ofSeconds(30)); // pool.join()
        double took = (System.nanoTime() - start) / 1e9;

        System.out.println("pool.map returned " + results.size() + " results in input order: "
                + abbreviate(results) + (results.equals(range) ? "" : "  (NOT in input order!)"));
        Set<String> names = new TreeSet<>(threadsUsed);
        System.out.println(items + " calls ran on " + names.size() + " threads of one process (pid "
                + ProcessHandle.current().pid() + "): " + String.join(", ", names));
        System.out.printf("%d calls of %d ms each took %.2f s on %d threads (one thread: about %.2f s)%n",
                items, ioMillis, took, processes, items * ioMillis / 1000.0);
        return exited ? 0 : 1;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(List<Integer> xs) {
        String head = xs.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "));
        return "[" + head + (xs.size() > 10 ? ", ...]" : "]");
    }
}

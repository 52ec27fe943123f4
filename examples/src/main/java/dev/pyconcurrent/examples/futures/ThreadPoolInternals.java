package dev.pyconcurrent.examples.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 000, "Thread pool internal structure": the main thread hands tasks to the worker threads through one
 * queue; once an item is in the queue the workers compete for it, exactly one of them gets it, runs it and puts the
 * result into the item's Future. This scenario narrates that live, in three parts:
 * <ol>
 *   <li><b>One call at a time.</b> Three submit-then-result rounds. The first submit finds no thread and starts
 *       {@code worker_0}; after each result the scenario waits until that worker is {@code WAITING}: it found the
 *       queue empty, released a permit of the pool's idle semaphore and blocked in {@code take()}. The next submit
 *       takes that permit instead of starting a thread, so all three rounds run on one thread
 *       (CPython's {@code _idle_semaphore} in {@code _adjust_thread_count}).</li>
 *   <li><b>A burst.</b> Main puts items in the queue far faster than the workers run them; the queue grows and new
 *       threads start lazily, one per submit that finds no idle worker, up to {@code --workers}; then every submit
 *       just enqueues. Each worker prints the items it took.</li>
 *   <li><b>Who ran what.</b> Every item was run by exactly one worker, the threads never exceeded the maximum and
 *       none was retired; after {@code shutdown()} one sentinel wakes them in a chain and all exit.</li>
 * </ol>
 * Output (abridged; timings, queue sizes and the item-to-worker assignment vary):
 * <pre>
 * [main     +   0 ms] created ThreadPoolExecutor[worker, threads=0/3, running]: no thread yet, queue size 0
 * -- 1. one call at a time: an idle worker is reused --
 * [main     +   1 ms] put item 0 in the queue
 * [main     +   3 ms]   queue size 1, threads 1/3; started worker_0 (no idle worker had announced itself)
 * [worker_0 +   3 ms] took item 0 (queue size now 0); running it
 * [main     + 105 ms] item 0: result() = 0 from worker_0
 * [main     + 105 ms] worker_0 is WAITING: the queue was empty, so it released an idle-semaphore permit and blocks in take()
 * [main     + 105 ms] put item 1 in the queue
 * [main     + 105 ms]   queue size 0, threads 1/3; no new thread: an idle worker's permit was taken
 * ...
 * -- 2. a burst: main puts 9 items in the queue, 3 workers compete for them --
 * [main     + 310 ms] put item 3 in the queue
 * [main     + 310 ms]   queue size 1, threads 1/3; no new thread: an idle worker's permit was taken
 * [main     + 310 ms] put item 4 in the queue
 * [worker_0 + 311 ms] took item 3 (queue size now 1); running it
 * [main     + 311 ms]   queue size 1, threads 2/3; started worker_1 (no idle worker had announced itself)
 * ...
 * [main     + 316 ms]   queue size 6, threads 3/3; no new thread: all 3 started
 * [main     + 316 ms] main is done putting; it now waits on each future in turn
 * [worker_0 + 412 ms] took item 6 (queue size now 5); running it
 * ...
 * -- 3. who ran what --
 * item 0 -> worker_0 (taken once)
 * ...
 * item 11 -> worker_2 (taken once)
 * worker_0 ran 6 items, worker_1 ran 3 items, worker_2 ran 3 items
 * 12 items, each taken by exactly one worker; threads started: 3 of at most 3, none retired
 * after shutdown(): worker_0 TERMINATED, worker_1 TERMINATED, worker_2 TERMINATED
 * </pre>
 *
 * <p><b>What is observable and what is not.</b> The pool's public API exposes the queue length
 * ({@code queueSize()}), the number of threads started ({@code threadCount()}) and the worker threads themselves
 * ({@code threads()}, so their names and {@code Thread.State}); the tasks report which thread took them. The idle
 * semaphore's permit count and the queue's contents are not exposed, so the idle hand-off is shown through its
 * effect: the worker's {@code WAITING} state before the next submit, and no new thread after it. The queue size
 * printed right after a put may already be lower than expected: a worker can take the item before main reads it.
 */
@Command(name = "thread-pool-internals", mixinStandardHelpOptions = true,
        description = "The task queue between the submitting thread and competing workers, narrated live.")
public final class ThreadPoolInternals implements Callable<Integer> {

    @Option(names = "--workers", defaultValue = "3", description = "max worker threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--burst", defaultValue = "9", description = "items put in the queue at once (default: ${DEFAULT-VALUE})")
    int burst;

    @Option(names = "--work-ms", defaultValue = "100", description = "how long each item runs (default: ${DEFAULT-VALUE})")
    long workMillis;

    private static final int SEQUENTIAL_ROUNDS = 3;

    private long start;
    /** Set before the first submit; the queue's hand-off publishes it to the workers. */
    private ThreadPoolExecutor pool;
    /** item -> names of the threads that took it (always exactly one: that is what the queue guarantees). */
    private final ConcurrentMap<Integer, List<String>> takenBy = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ThreadPoolInternals()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        // The workers log through slf4j; logback reads its configuration on first use (about half a second), so do
        // it now rather than inside the first submit, where it would look like the pool's cost.
        LoggerFactory.getLogger(ThreadPoolExecutor.class);
        start = System.nanoTime();
        pool = new ThreadPoolExecutor(workers, "worker");
        try (ThreadPoolExecutor closing = pool) {
            log("created " + pool + ": no thread yet, queue size " + pool.queueSize());
            oneCallAtATime();
            aBurst();
        }
        whoRanWhat();
        return 0;
    }

    private void oneCallAtATime() {
        System.out.println("-- 1. one call at a time: an idle worker is reused --");
        for (int i = 0; i < SEQUENTIAL_ROUNDS; i++) {
            Future<Integer> f = put(i);
            Integer square = f.result(Duration.ofSeconds(30));
            log("item " + i + ": result() = " + square + " from " + takenBy.get(i).get(0));
            Thread idle = awaitAllWaiting(pool);
            log(idle.getName() + " is " + idle.getState() + ": the queue was empty, so it released an "
                    + "idle-semaphore permit and blocks in take()");
        }
    }

    private void aBurst() {
        System.out.println("-- 2. a burst: main puts " + burst + " items in the queue, " + workers
                + " workers compete for them --");
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = SEQUENTIAL_ROUNDS; i < SEQUENTIAL_ROUNDS + burst; i++) {
            fs.add(put(i));
        }
        log("main is done putting; it now waits on each future in turn");
        for (Future<Integer> f : fs) {
            f.result(Duration.ofSeconds(30));
        }
        log("every future holds its result");
    }

    private void whoRanWhat() {
        System.out.println("-- 3. who ran what --");
        Map<String, Integer> perWorker = new TreeMap<>();
        boolean eachOnce = true;
        for (Map.Entry<Integer, List<String>> e : new TreeMap<>(takenBy).entrySet()) {
            List<String> takers = e.getValue();
            eachOnce &= takers.size() == 1;
            System.out.println("item " + e.getKey() + " -> " + String.join(", ", takers)
                    + (takers.size() == 1 ? " (taken once)" : " (taken " + takers.size() + " times!)"));
            takers.forEach(t -> perWorker.merge(t, 1, Integer::sum));
        }
        List<String> counts = new ArrayList<>();
        perWorker.forEach((name, n) -> counts.add(name + " ran " + n + " items"));
        System.out.println(String.join(", ", counts));
        System.out.println(takenBy.size() + " items, " + (eachOnce ? "each taken by exactly one worker" : "SOME TAKEN TWICE")
                + "; threads started: " + pool.threadCount() + " of at most " + pool.maxWorkers() + ", none retired");
        List<String> states = new ArrayList<>();
        for (Thread t : pool.threads()) {
            states.add(t.getName() + " " + t.getState());
        }
        states.sort(null);
        System.out.println("after shutdown(): " + String.join(", ", states));
    }

    /**
     * Main puts one item in the queue (submit) and says what {@code adjustThreadCount} did. The first line is printed
     * before the submit, so it always precedes the worker's "took" line; the second is a snapshot taken right after,
     * by which time a worker may already have taken the item.
     */
    private Future<Integer> put(int item) {
        log("put item " + item + " in the queue");
        int threadsBefore = pool.threadCount();
        Future<Integer> f = pool.submit(task(item));
        int queued = pool.queueSize();
        int threadsAfter = pool.threadCount();
        String effect;
        if (threadsAfter > threadsBefore) {
            effect = "started worker_" + threadsBefore + " (no idle worker had announced itself)";
        } else if (threadsAfter < pool.maxWorkers()) {
            effect = "no new thread: an idle worker's permit was taken";
        } else {
            effect = "no new thread: all " + threadsAfter + " started";
        }
        log("  queue size " + queued + ", threads " + threadsAfter + "/" + pool.maxWorkers() + "; " + effect);
        return f;
    }

    private SerializableCallable<Integer> task(int item) {
        return () -> {
            String me = Thread.currentThread().getName();
            takenBy.computeIfAbsent(item, k -> new CopyOnWriteArrayList<>()).add(me);
            // The worker already removed the item from the queue, so this size excludes it.
            log("took item " + item + " (queue size now " + pool.queueSize() + "); running it");
            sleep(workMillis); // simulated work
            return item * item;
        };
    }

    /**
     * Polls the public {@code threads()} snapshot until every started worker is parked ({@code WAITING}), i.e.
     * blocked in {@code take()} after releasing its idle-semaphore permit. Bounded, so it cannot hang.
     */
    private static Thread awaitAllWaiting(ThreadPoolExecutor pool) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Thread> threads = pool.threads();
            if (threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                return threads.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("workers did not go idle within 10 s: " + threads);
            }
            Thread.onSpinWait();
        }
    }

    private void log(String what) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[%-8s +%4d ms] %s%n", Thread.currentThread().getName(), ms, what);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

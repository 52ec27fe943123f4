package dev.pyconcurrent.examples.map;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.FutureTimeoutException;
import dev.pyconcurrent.futures.MapIterator;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.process.pool.ProcessPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 003, {@code ProcessPoolExecutor.map}: the ten steps every item of a process-pool map goes through, made
 * visible in the processes where they happen; what {@code chunksize} changes; and {@code map}'s timeout, which gives
 * up and cancels what is left. Output (pids, threads and timings vary; the interleaving of the two workers too):
 * <pre>
 * main process pid 7001; a pool of 2 worker processes
 * [step 5]   pid 7001: class SquareWork loaded and initialised (Python: the function's module is imported)
 * == 1. The ten steps of map(square, items): 4 items, chunksize 1 ==
 * [step 1]   pid 7001: map(square, [Item 0, Item 1, Item 2, Item 3]): one call per item, all submitted now
 * [pool]     pid 7001: work item 0 goes to worker pid 7002: serialize its call (2), write the frame ... (3)  (thread ...-channel-0)
 * [function] pid 7001: serialize the function square (sent once per worker, then named by number)  (thread ...)
 * [step 2]   pid 7001: serialize Item 0 (Python: pickle.dumps)  (thread ProcessPoolExecutor-1-channel-0)
 * [step 5]   pid 7002: class SquareWork loaded and initialised (Python: the function's module is imported)
 * [function] pid 7002: deserialized the function square
 * [steps 3-4] pid 7002: the bytes of Item 0 came over the Unix socket (3); deserialized (4)
 * [step 6]   pid 7002: run square(Item 0)
 * [step 7]   pid 7002: serialize Answer 0 = 0
 * [steps 8-9] pid 7001: the bytes of Answer 0 = 0 came back over the socket (8); deserialized (9)  (thread ...)
 * ...
 * [step 10]  pid 7001: map yielded the results in input order: [0, 1, 4, 9]
 * == 2. chunksize: 8 items, one call per item or one call per chunk ==
 * chunksize 1: 8 items -> 8 calls, 8 call frames to the workers (and as many result frames back); results [0, 1, 4, ...]
 * chunksize 4: 8 items -> 2 calls, 2 call frames to the workers (and as many result frames back); results [0, 1, 4, ...]
 *   work item 12: chunk of 4 calls of square [Item 0, Item 1, Item 2, Item 3]
 *   work item 13: chunk of 4 calls of square [Item 4, Item 5, Item 6, Item 7]
 * == 3. map(square, 12 items, timeout=0.7 s): item 2 takes 1.5 s, the others 0.2 s ==
 * got Answer 0 = 0 at +0.21 s
 * got Answer 1 = 1 at +0.21 s
 * +0.70 s FutureTimeoutException: map() timeout of 700 ms passed while waiting for result #3; cancelled the 10 calls ...
 * the calls not yet yielded, as the pool last reported them when map gave up:
 *   item  2 at the timeout: RUNNING on worker pid 7002 -&gt; cancel() refused: it runs to its end
 *   item  3 at the timeout: FINISHED before the timeout, never yielded: its result is dropped
 *   item  6 at the timeout: RUNNING, waiting in the call queue -&gt; cancel() refused: it will still run
 *   item  9 at the timeout: PENDING in the work queue -&gt; cancelled by map
 *   ...
 * pool.shutdown(): waits for the calls that are still running, as CPython's does
 * how they ended:
 *   item  2 in the end: FINISHED  it ran; nobody reads its result
 *   item  9 in the end: CANCELLED never ran
 * </pre>
 *
 * <p><b>What it teaches.</b> The article's list: (1) map hands every item to the function; (2) the item is
 * serialized (pickle) in the main process; (3) its bytes cross a local socket; (4) the worker deserializes them;
 * (5) the worker has the function's code (Python imports its module); (6) workers compute in parallel; (7) the result
 * is serialized in the worker; (8) its bytes cross back; (9) the main process deserializes them; (10) map yields the
 * results in input order. Steps 2, 4, 7 and 9 are printed by {@code writeObject}/{@code readObject} of the item and
 * answer classes themselves, so the pid on each line shows where they really happen; that is the overhead the article
 * warns about. With {@code chunksize} the items of a chunk travel as one call (one frame each way), and every item
 * is still serialized. With a {@code timeout}, one deadline for the whole iteration, the iterator raises
 * {@code TimeoutError} ({@link FutureTimeoutException}) and cancels every call not yet yielded, but as in CPython a
 * cancel only succeeds for calls still waiting in the work queue: a call is RUNNING as soon as the management thread
 * has moved it into the call queue, and running calls run to their end.
 *
 * <p><b>Where Java differs.</b> A function travels once per worker (this pool's function table); CPython pickles a
 * reference to it into every call. Each worker has its own Unix socket to the pool, with a channel thread in the
 * main process that serializes the calls sent to it (hence the thread names). The states after the timeout come from
 * the pool's {@link dev.pyconcurrent.process.pool.PoolTrace}, because the map iterator keeps its futures to itself
 * (as CPython's generator does).
 */
@Command(name = "process-pool-map", mixinStandardHelpOptions = true,
        description = "ProcessPoolExecutor.map: the ten serialize/socket/deserialize steps made visible, chunksize, "
                + "and a timeout that cancels what is left.")
public final class ProcessPoolMap implements Callable<Integer> {

    private static final int WORKERS = 2;

    @Option(names = "--timeout", defaultValue = "0.7", description = "map timeout of part 3, s (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;

    @Option(names = "--slow", defaultValue = "1.5", description = "how long item 2 takes in part 3, s (default: ${DEFAULT-VALUE})")
    double slowSeconds;

    @Option(names = "--work", defaultValue = "0.2", description = "how long the other items take in part 3, s (default: ${DEFAULT-VALUE})")
    double workSeconds;

    @Option(names = "--items", defaultValue = "12", description = "items in part 3, at least 3 (default: ${DEFAULT-VALUE})")
    int timeoutItems;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProcessPoolMap()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (timeoutItems < 3 || timeoutSeconds <= 0 || slowSeconds < 0 || workSeconds < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--items must be >= 3, --timeout > 0, --slow and --work >= 0");
        }
        LoggerFactory.getLogger(ProcessPoolExecutor.class); // logback's start-up, before anything is timed
        System.out.println("main process pid " + ProcessHandle.current().pid() + "; a pool of " + WORKERS
                + " worker processes");
        SquareWork square = new SquareWork(); // the main process loads the function's class too (step 5 here)
        MapTrace trace = new MapTrace();
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(WORKERS).trace(trace).build()) {
            tenSteps(pool, trace, square);
            chunksize(pool, trace, square);
            timeout(pool, trace, square);
        }
        return 0;
    }

    /** Part 1: four loud items, chunksize 1. */
    private static void tenSteps(ProcessPoolExecutor pool, MapTrace trace, SquareWork square) {
        System.out.println("== 1. The ten steps of map(square, items): 4 items, chunksize 1 ==");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            items.add(new Item(i, 100, true));
        }
        trace.reset();
        trace.loud = true;
        Say.line("step 1", "map(square, " + items + "): one call per item, all submitted now");
        List<Long> squares = new ArrayList<>();
        for (Answer answer : pool.map(square, items)) {
            squares.add(answer.square);
        }
        trace.loud = false;
        Say.line("step 10", "map yielded the results in input order: " + squares);
    }

    /** Part 2: the same quiet map with chunksize 1 and 4; count the calls. */
    private static void chunksize(ProcessPoolExecutor pool, MapTrace trace, SquareWork square) {
        System.out.println("== 2. chunksize: 8 items, one call per item or one call per chunk ==");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            items.add(new Item(i, 0, false));
        }
        for (int chunksize : new int[] {1, 4}) {
            trace.reset();
            List<Long> squares = new ArrayList<>();
            for (Answer answer : pool.map(square, items, MapOptions.defaults().withChunksize(chunksize))) {
                squares.add(answer.square);
            }
            List<Long> calls = trace.calls();
            System.out.printf("chunksize %d: %d items -> %d calls, %d call frames to the workers (and as many result"
                    + " frames back); results %s%n", chunksize, items.size(), calls.size(), trace.sentToWorkers(), squares);
            if (chunksize > 1) {
                for (long workId : calls) {
                    System.out.println("  work item " + workId + ": " + trace.taskText(workId));
                }
            }
        }
    }

    /** Part 3: a map whose timeout passes while item 2 still runs. */
    private void timeout(ProcessPoolExecutor pool, MapTrace trace, SquareWork square) {
        System.out.printf("== 3. map(square, %d items, timeout=%s s): item 2 takes %s s, the others %s s ==%n",
                timeoutItems, timeoutSeconds, slowSeconds, workSeconds);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < timeoutItems; i++) {
            items.add(new Item(i, Math.round((i == 2 ? slowSeconds : workSeconds) * 1000), false));
        }
        trace.reset();
        long start = System.nanoTime();
        MapIterator<Answer> results = pool.map(square, items,
                MapOptions.defaults().withTimeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000))));
        int yielded = 0;
        try {
            while (results.hasNext()) {
                Answer answer = results.next();
                System.out.printf("got %s at +%.2f s%n", answer, seconds(start));
                yielded++;
            }
            System.out.println("no timeout: every result came in time (make --slow longer than --timeout)");
        } catch (FutureTimeoutException e) {
            System.out.printf("+%.2f s FutureTimeoutException: %s%n", seconds(start), e.getMessage());
        }
        List<Long> calls = trace.calls();
        System.out.println("the calls not yet yielded, as the pool last reported them when map gave up:");
        for (int k = yielded; k < calls.size(); k++) {
            System.out.printf("  item %2d at the timeout: %s%n", k, atTimeout(trace, calls.get(k)));
        }
        System.out.println("pool.shutdown(): waits for the calls that are still running, as CPython's does");
        pool.shutdown();
        System.out.println("how they ended:");
        for (int k = yielded; k < calls.size(); k++) {
            System.out.printf("  item %2d in the end: %s%n", k, ending(trace.outcome(calls.get(k))));
        }
    }

    private static String atTimeout(MapTrace trace, long workId) {
        MapTrace.Place place = trace.place(workId);
        String outcome = trace.outcome(workId);
        return switch (place) {
            case SUBMITTED -> "PENDING in the work queue -> cancelled by map";
            case IN_CALL_QUEUE -> "RUNNING, waiting in the call queue -> cancel() refused: it will still run";
            case ON_WORKER -> "RUNNING on worker pid " + trace.workerPid(workId) + " -> cancel() refused: it runs to its end";
            case RESULT_QUEUED -> "FINISHED on its worker, result on its way, never yielded: it is dropped";
            case DONE -> "cancelled".equals(outcome) ? "CANCELLED"
                    : "FINISHED before the timeout, never yielded: its result is dropped";
        };
    }

    private static String ending(String outcome) {
        if (outcome == null) {
            return "not reported by the pool";
        }
        return switch (outcome) {
            case "cancelled" -> "CANCELLED never ran";
            case "result" -> "FINISHED  it ran; nobody reads its result";
            default -> "FINISHED  with an exception";
        };
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

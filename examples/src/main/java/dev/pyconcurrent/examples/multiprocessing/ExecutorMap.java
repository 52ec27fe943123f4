package dev.pyconcurrent.examples.multiprocessing;

import java.util.List;
import java.util.concurrent.Callable;

import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002, "concurrent.futures", {@code map()}: results come back in input order.
 * <pre>
 * data = [1, 2, 3]
 * with futures.ThreadPoolExecutor(max_workers=1) as executor:
 *     for future in executor.map(test, data):
 *         print(future)
 * </pre>
 * With one worker the calls also <em>run</em> in input order, so the article's output cannot show the point. The
 * second part therefore maps over three workers with calls that finish in reverse (call 1 sleeps longest): the
 * workers report 3, 2, 1, and {@code map} still yields 1, 2, 3, because it waits for the futures in the order it
 * submitted them, not in the order they complete (that is {@code as_completed}).
 * <pre>
 * -- the article: ThreadPoolExecutor(max_workers=1).map(test, [1, 2, 3]) --
 * ('Thu Nov 25 14:32:45 2021', 1)
 * ('Thu Nov 25 14:32:45 2021', 2)
 * ('Thu Nov 25 14:32:45 2021', 3)
 * -- max_workers=3, call n sleeps (4 - n) * 100 ms: they finish 3, 2, 1 --
 *   [worker_2] call 3 finished after 100 ms
 *   [worker_1] call 2 finished after 200 ms
 *   [worker_0] call 1 finished after 300 ms
 * map yielded ('Thu Nov 25 14:32:45 2021', 1)
 * map yielded ('Thu Nov 25 14:32:45 2021', 2)
 * map yielded ('Thu Nov 25 14:32:45 2021', 3)
 * </pre>
 * {@code map} submits every call before it returns; iterating it blocks on one future at a time.
 */
@Command(name = "executor-map", mixinStandardHelpOptions = true,
        description = "ThreadPoolExecutor.map yields results in input order, whatever order the calls finish in.")
public final class ExecutorMap implements Callable<Integer> {

    @Option(names = "--unit-ms", defaultValue = "100",
            description = "call n of the second part sleeps (4 - n) units (default: ${DEFAULT-VALUE})")
    long unitMillis;

    private static final List<Integer> DATA = List.of(1, 2, 3);

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExecutorMap()).execute(args));
    }

    /** {@code test} with a sleep that makes later inputs finish first. */
    CtimeTuple slowTest(int num) {
        long millis = (4 - num) * unitMillis;
        try {
            Thread.sleep(millis); // simulated work, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.printf("  [%s] call %d finished after %d ms%n", Thread.currentThread().getName(), num, millis);
        return CtimeTuple.test(num);
    }

    @Override
    public Integer call() {
        System.out.println("-- the article: ThreadPoolExecutor(max_workers=1).map(test, " + DATA + ") --");
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor(1)) {
            for (CtimeTuple result : executor.map(CtimeTuple::test, DATA)) {
                System.out.println(result);
            }
        }
        System.out.println("-- max_workers=3, call n sleeps (4 - n) * " + unitMillis + " ms: they finish 3, 2, 1 --");
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor(3, "worker")) {
            for (CtimeTuple result : executor.map(this::slowTest, DATA)) {
                System.out.println("map yielded " + result);
            }
        }
        return 0;
    }
}

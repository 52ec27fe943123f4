package dev.pyconcurrent.examples.multiprocessing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.Futures;
import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002, "concurrent.futures", {@code as_completed(fs)}: an iterator over the futures in the order they
 * complete. The article's program, scaled by {@code --unit-ms} (1000 = the article's seconds):
 * <pre>
 * def return_after_5_secs(num):
 *     sleep(randint(1, 5))
 *     return "Return of {}".format(num)
 * pool = ThreadPoolExecutor(5)
 * futures = []
 * for x in range(5):
 *     futures.append(pool.submit(return_after_5_secs, x))
 * print(1)
 * for x in as_completed(futures):
 *     print(x.result())
 * print(2)
 * </pre>
 * Output (the sleeps are random, so is the order; the slept time is an addition that shows the order is
 * completion order):
 * <pre>
 * 1
 * Return of 3 (slept 1 s)
 * Return of 0 (slept 2 s)
 * Return of 4 (slept 2 s)
 * Return of 1 (slept 4 s)
 * Return of 2 (slept 5 s)
 * 2
 * </pre>
 * {@code 1} comes first because {@code submit} never waits; each result line appears when its call completes, so
 * the whole run takes as long as the longest sleep. {@code --seed} makes the random sleeps repeatable.
 */
@Command(name = "as-completed", mixinStandardHelpOptions = true,
        description = "as_completed yields futures in completion order: 5 calls with random 1-5 unit sleeps.")
public final class AsCompleted implements Callable<Integer> {

    @Option(names = "--unit-ms", defaultValue = "1000",
            description = "one unit of randint(1, 5); 1000 is the article's seconds (default: ${DEFAULT-VALUE})")
    long unitMillis;

    @Option(names = "--seed", description = "seed for the random sleeps (default: a fresh one each run)")
    Long seed;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AsCompleted()).execute(args));
    }

    @Override
    public Integer call() {
        Random random = seed == null ? new Random() : new Random(seed);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            // Not in the article: one trivial call first starts a worker and loads the pool's classes and logger
            // (a few hundred ms, once per JVM), so that delay does not reorder short scaled-down sleeps.
            pool.submit(() -> "warm-up").result(Duration.ofSeconds(30));
            List<Future<String>> futures = new ArrayList<>();
            for (int x = 0; x < 5; x++) {
                int units = 1 + random.nextInt(5); // randint(1, 5), drawn here so --seed makes it repeatable
                int num = x;
                futures.add(pool.submit(() -> returnAfter5Secs(num, units)));
            }
            System.out.println(1);
            for (Future<String> x : Futures.asCompleted(futures)) {
                System.out.println(x.result());
            }
            System.out.println(2);
        }
        return 0;
    }

    /** The article's {@code return_after_5_secs(num)}, with the drawn {@code randint(1, 5)} passed in. */
    String returnAfter5Secs(int num, int units) throws InterruptedException {
        Thread.sleep(units * unitMillis); // simulated IO
        String slept = unitMillis == 1000 ? units + " s" : units * unitMillis + " ms";
        return "Return of " + num + " (slept " + slept + ")";
    }
}

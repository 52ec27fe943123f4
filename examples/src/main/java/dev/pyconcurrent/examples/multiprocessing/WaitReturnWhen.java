package dev.pyconcurrent.examples.multiprocessing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.pyconcurrent.futures.DoneAndNotDoneFutures;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.Futures;
import dev.pyconcurrent.futures.ReturnWhen;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002, "concurrent.futures", {@code wait(fs, timeout=None, return_when=ALL_COMPLETED)}: it returns a named
 * pair of sets, {@code done} and {@code not_done}, as soon as the {@code return_when} condition holds. Three calls
 * run side by side each time: {@code a} returns after one unit, {@code b} raises after two, {@code c} returns after
 * four. With the default unit of 100 ms:
 * <pre>
 * calls: a returns after 100 ms, b raises ValueError after 200 ms, c returns after 400 ms
 * wait(return_when=FIRST_COMPLETED) returned after 100 ms: done=[a] not_done=[b, c]
 * wait(return_when=FIRST_EXCEPTION) returned after 200 ms: done=[a, b] not_done=[c]
 * wait(return_when=ALL_COMPLETED) returned after 400 ms: done=[a, b, c] not_done=[]
 * </pre>
 * {@code FIRST_COMPLETED} counts any completion, a failed one too; {@code FIRST_EXCEPTION} waits for the first call
 * that raised (and behaves like {@code ALL_COMPLETED} when none does); {@code ALL_COMPLETED} waits for every one.
 * Each round submits fresh calls to a new three-thread pool, so the rounds do not see each other's futures. The
 * sets are printed sorted by name ({@code wait} returns them in no promised order).
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "wait() with FIRST_COMPLETED, FIRST_EXCEPTION and ALL_COMPLETED, printing done/not_done.")
public final class WaitReturnWhen implements Callable<Integer> {

    @Option(names = "--unit-ms", defaultValue = "100",
            description = "a takes 1 unit, b 2, c 4 (default: ${DEFAULT-VALUE})")
    long unitMillis;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WaitReturnWhen()).execute(args));
    }

    @Override
    public Integer call() {
        System.out.printf("calls: a returns after %d ms, b raises ValueError after %d ms, c returns after %d ms%n",
                unitMillis, 2 * unitMillis, 4 * unitMillis);
        for (ReturnWhen when : ReturnWhen.values()) {
            round(when);
        }
        return 0;
    }

    private void round(ReturnWhen when) {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(3)) {
            // Before the clock starts: one trivial call starts the first worker and, in the first round, loads the
            // pool's classes and its logger (a few hundred ms once per JVM), which would otherwise skew the timings.
            pool.submit(() -> "warm-up").result(Duration.ofSeconds(30));
            SerializableCallable<String> a = () -> after(1, "a", false);
            SerializableCallable<String> b = () -> after(2, "b", true);
            SerializableCallable<String> c = () -> after(4, "c", false);
            Map<Future<String>, String> names = new IdentityHashMap<>();
            long start = System.nanoTime();
            names.put(pool.submit(a), "a");
            names.put(pool.submit(b), "b");
            names.put(pool.submit(c), "c");
            DoneAndNotDoneFutures<Future<String>> r = Futures.wait(names.keySet(), Duration.ofSeconds(30), when);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("wait(return_when=%s) returned after %d ms: done=%s not_done=%s%n",
                    when, ms, sorted(r.done(), names), sorted(r.notDone(), names));
        } // leaving the pool waits for the calls still running, so the next round starts clean
    }

    private String after(int units, String name, boolean raise) throws InterruptedException {
        Thread.sleep(units * unitMillis); // simulated work
        if (raise) {
            throw new IllegalArgumentException(name + " failed"); // Python's ValueError
        }
        return name;
    }

    private static List<String> sorted(Set<Future<String>> fs, Map<Future<String>, String> names) {
        List<String> out = new ArrayList<>();
        for (Future<String> f : fs) {
            out.add(names.get(f));
        }
        out.sort(null);
        return out;
    }
}

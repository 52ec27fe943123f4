package dev.pyconcurrent.examples.futures;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.pyconcurrent.futures.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Future as a "result pit" (article 000, section "Future"): the pit starts empty, the main thread
 * blocks on the Future's condition variable in {@code result()}, a worker thread fills the pit with
 * {@code setResult}, and that signal wakes the main thread.
 *
 * <p>No executor is involved: the worker is a bare thread, so every step of the hand-off is visible.
 * Output (timings vary):
 * <pre>
 * [main  +0 ms] future created: ...state=pending
 * [main  +1 ms] calling result(): the pit is empty, so main blocks on the condition variable
 * [worker +0 ms] computing 6 * 7 ...
 * [worker +500 ms] setResult(42): state -> FINISHED, signalAll wakes the waiters
 * [main  +501 ms] woke up with result 42 (blocked 500 ms)
 * </pre>
 */
@Command(name = "future-internals", mixinStandardHelpOptions = true,
        description = "The Future as a condition-variable result pit: a waiter blocks, a worker fills the pit.")
public final class FutureInternals implements Callable<Integer> {

    @Option(names = "--work-ms", defaultValue = "500", description = "how long the worker computes (default: ${DEFAULT-VALUE})")
    long workMillis;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FutureInternals()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Future<Integer> pit = new Future<>();
        log(start, "main", "future created: " + pit);

        Thread worker = new Thread(() -> {
            // An executor's worker does exactly this: claim the future, run the call, fill the pit.
            if (!pit.setRunningOrNotifyCancel()) {
                return; // cancelled before it started: nothing to run
            }
            log(start, "worker", "setRunningOrNotifyCancel(): state -> RUNNING; computing 6 * 7 ...");
            sleep(workMillis);
            log(start, "worker", "setResult(42): state -> FINISHED, signalAll wakes the waiters");
            pit.setResult(6 * 7);
        }, "worker");

        pit.addDoneCallback(f -> log(start, Thread.currentThread().getName(),
                "done-callback runs after the pit is filled: " + f));

        log(start, "main", "calling result(): the pit is empty, so main blocks on the condition variable");
        worker.start();
        long blockedFrom = System.nanoTime();
        int value = pit.result(Duration.ofSeconds(30));
        long blockedMs = (System.nanoTime() - blockedFrom) / 1_000_000;
        log(start, "main", "woke up with result " + value + " (blocked " + blockedMs + " ms)");
        log(start, "main", "a filled pit stays filled: result() again = " + pit.result() + ", " + pit);
        worker.join();
        return 0;
    }

    private static void log(long start, String who, String what) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("[%-6s +%4d ms] %s%n", who, ms, what);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // simulated work, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

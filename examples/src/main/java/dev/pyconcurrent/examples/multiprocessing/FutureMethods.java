package dev.pyconcurrent.examples.multiprocessing;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002, "concurrent.futures", the {@code Future} methods: {@code cancel()}, {@code cancelled()},
 * {@code running()}, {@code done()}, {@code result()}, {@code exception()} and {@code add_done_callback()}, each
 * called on live futures of a one-thread pool, printing the future (its repr shows the state) before and after:
 * <pre>
 * slow = submit(sleep 0.5 s, return 1); quick = submit(return 2)   one worker: quick waits in the queue
 * slow:  Future@6d06d69c state=running   running()=true  done()=false cancelled()=false
 * quick: Future@7852e922 state=pending   running()=false done()=false cancelled()=false
 * quick.cancel() = true   (still pending: the worker will skip it)
 * quick: Future@7852e922 state=cancelled running()=false done()=true  cancelled()=true
 * slow.cancel()  = false  (running calls cannot be cancelled)
 * slow.result()  = 1      (blocked until the worker filled it)
 * slow:  Future@6d06d69c state=finished returned Integer running()=false done()=true cancelled()=false
 * quick.result() throws CancelledException
 * failing = submit(raise ValueError("bad input"))
 * failing.exception() = java.lang.IllegalArgumentException: bad input
 * failing.result() throws ExecutionFailedException, caused by java.lang.IllegalArgumentException: bad input
 * failing: Future@4e25154f state=finished raised IllegalArgumentException
 * add_done_callback on a done future runs at once, in the caller's thread: callback(main) saw Future@... state=finished returned Integer
 * after shutdown(): quick is CANCELLED_AND_NOTIFIED (the worker acknowledged the cancellation)
 * </pre>
 * Java's repr, like CPython's, says {@code cancelled} for both cancelled states; {@code currentState()} tells them
 * apart. A call's exception comes back from {@code result()} wrapped in {@code ExecutionFailedException} (Java
 * cannot re-throw a checked exception unchanged), and from {@code exception()} as is. Python's
 * {@code ValueError} is {@code IllegalArgumentException} here.
 */
@Command(name = "future-methods", mixinStandardHelpOptions = true,
        description = "done, running, cancel, result, exception and add_done_callback on live futures.")
public final class FutureMethods implements Callable<Integer> {

    @Option(names = "--work-ms", defaultValue = "500", description = "how long the slow call runs (default: ${DEFAULT-VALUE})")
    long workMillis;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FutureMethods()).execute(args));
    }

    @Override
    public Integer call() {
        Future<Integer> quick;
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor(1)) {
            System.out.printf("slow = submit(sleep %.1f s, return 1); quick = submit(return 2)   "
                    + "one worker: quick waits in the queue%n", workMillis / 1000.0);
            Future<Integer> slow = executor.submit(() -> {
                Thread.sleep(workMillis); // simulated work
                return 1;
            });
            quick = executor.submit(() -> 2);
            awaitRunning(slow);
            show("slow: ", slow);
            show("quick:", quick);

            System.out.println("quick.cancel() = " + quick.cancel() + "   (still pending: the worker will skip it)");
            show("quick:", quick);
            System.out.println("slow.cancel()  = " + slow.cancel() + "  (running calls cannot be cancelled)");
            System.out.println("slow.result()  = " + slow.result(Duration.ofSeconds(30))
                    + "      (blocked until the worker filled it)");
            show("slow: ", slow);
            try {
                quick.result();
                System.out.println("quick.result() returned: UNEXPECTED");
            } catch (CancelledException e) {
                System.out.println("quick.result() throws " + e.getClass().getSimpleName());
            }

            System.out.println("failing = submit(raise ValueError(\"bad input\"))");
            Future<Integer> failing = executor.submit(() -> {
                throw new IllegalArgumentException("bad input");
            });
            System.out.println("failing.exception() = " + failing.exception(Duration.ofSeconds(30)));
            try {
                failing.result();
                System.out.println("failing.result() returned: UNEXPECTED");
            } catch (ExecutionFailedException e) {
                System.out.println("failing.result() throws " + e.getClass().getSimpleName() + ", caused by "
                        + e.getCause());
            }
            System.out.println("failing: " + failing);

            slow.addDoneCallback(f -> System.out.println("add_done_callback on a done future runs at once, in the "
                    + "caller's thread: callback(" + Thread.currentThread().getName() + ") saw " + f));
        }
        System.out.println("after shutdown(): quick is " + quick.currentState()
                + " (the worker acknowledged the cancellation)");
        return 0;
    }

    private static void show(String label, Future<?> f) {
        System.out.printf("%s %s running()=%s done()=%s cancelled()=%s%n", label, f, f.running(), f.done(),
                f.cancelled());
    }

    /** The worker starts the call a moment after submit; poll the public running() until it has (bounded). */
    private static void awaitRunning(Future<?> f) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!f.running() && !f.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the call did not start within 10 s: " + f);
            }
            Thread.onSpinWait();
        }
    }
}

package dev.pyconcurrent.examples.multiprocessing;

import java.util.concurrent.Callable;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Article 002, "concurrent.futures", {@code submit()}: hand one call to a one-thread pool and block on its result.
 * <pre>
 * from concurrent import futures
 * def test(num):
 *     import time
 *     return time.ctime(), num
 * with futures.ThreadPoolExecutor(max_workers=1) as executor:
 *     future = executor.submit(test, 1)
 *     print(future.result())
 * </pre>
 * Output (the first and last lines are additions that show the future around the call):
 * <pre>
 * submit(test, 1) returned Future@1b6d3586 state=pending
 * ('Thu Nov 25 14:32:45 2021', 1)
 * after result(): Future@1b6d3586 state=finished returned CtimeTuple
 * </pre>
 * {@code submit} returns at once with a future that may still be pending (or already running, or even finished:
 * the worker thread races with the print). {@code result()} blocks until the worker has filled it. Python's
 * {@code with} block is try-with-resources: leaving it calls {@code shutdown(wait=True)}.
 */
@Command(name = "executor-submit", mixinStandardHelpOptions = true,
        description = "ThreadPoolExecutor(max_workers=1).submit(test, 1).result()")
public final class ExecutorSubmit implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ExecutorSubmit()).execute(args));
    }

    @Override
    public Integer call() {
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor(1)) {
            Future<CtimeTuple> future = executor.submit(CtimeTuple::test, 1);
            System.out.println("submit(test, 1) returned " + future);
            System.out.println(future.result());
            System.out.println("after result(): " + future);
        }
        return 0;
    }
}

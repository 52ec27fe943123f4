package dev.pyconcurrent.examples.futures;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.Futures;
import dev.pyconcurrent.process.pool.ProcessPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Article 000's "Multi process" program: {@code python t.py 2 5000000 5001000 5002000 5003000} computes pi from the
 * series {@code sqrt(6 * sum(1/i^2))} once per n, each n a task of a process pool of the given size; every task
 * prints {@code process <pid> n=<n> pi=<pi>} from its worker process and the main process prints the time:
 * <pre>
 * $ ./examples/run process-pool 2 50000000 50001000 50002000 50003000
 * process 29783 n=50000000 pi=3.1415926344440623
 * process 29790 n=50001000 pi=3.1415926344444864
 * process 29783 n=50002000 pi=3.1415926344449105
 * process 29790 n=50003000 pi=3.1415926344453347
 * total cost: 1.08s
 * </pre>
 * Measured on this 2-core machine (shared, load ~4) with {@code --warm}, which keeps the JVMs' start-up out of the
 * clock: 1 process 0.93 s, 2 processes 0.52 s, 4 processes 0.62 s. One process runs the four tasks one after the
 * other; two run them two at a time; four cannot do better than two, because two cores are all there is: the
 * article's speed-up, and its flat line. (Without {@code --warm}: 1.36 s, 1.08 s, 1.59 s; each worker JVM's start
 * is in the clock, and four of them cost more than they save.)
 *
 * <p><b>Same arithmetic, same digits.</b> The loop is the article's, operation for operation
 * ({@code s += 1.0/(i+1)/(i+1)}, then {@code sqrt(6*s)}): IEEE-754 doubles, the same operations in the same order and
 * a correctly rounded square root on both sides, so every pi is bit for bit CPython's. It is printed as Python 3
 * prints a float ({@link PyFloatRepr}: the shortest digits that read back exactly), so the lines match
 * {@code python3 t.py} digit for digit. (The article's own output, {@code pi=3.1415924626}, is Python 2's
 * {@code str()}, which kept 12 significant digits.)
 *
 * <p><b>One write per line.</b> The worker JVMs inherit the launcher's standard output, as CPython's workers inherit
 * its file descriptors, and each task writes its line (text and newline) in one {@code write}, like the article's
 * {@code sys.stdout.write(... + "\n")}: lines from different workers can come in any order but never torn.
 *
 * <p><b>Where Java differs.</b> A worker here is a JVM started with the spawn method (a JVM cannot fork): about
 * 0.1 s per worker on this machine where the article's fork took about a millisecond, and it counts in
 * {@code total cost} as the article's did. A JVM also runs this loop far faster than CPython (n = 50,000,000 takes
 * 0.25 s here, 6.5 s in CPython 3.11 on the same machine), so use n about 10 times the article's (as above); with the
 * article's n each task takes about 25 ms and the start-up dominates. {@code --warm} starts every worker before the
 * clock, so that {@code total cost} measures only the calculation. (Beyond n of about 10^8 the terms fall below half
 * an ulp of the sum and pi stops changing.)
 */
@Command(name = "process-pool", mixinStandardHelpOptions = true,
        description = {"PROCESSES worker processes compute pi = sqrt(6 * sum(1/i^2)) for each N; each task prints "
                + "'process <pid> n=<n> pi=<pi>', then the main process prints 'total cost: <s>s'."},
        footer = {"", "The article's runs (python t.py 1 5000000 5001000 5002000 5003000, then 2 and 4 processes):",
                "  ./examples/run process-pool 1 5000000 5001000 5002000 5003000",
                "  ./examples/run process-pool 2 5000000 5001000 5002000 5003000",
                "  ./examples/run process-pool 4 5000000 5001000 5002000 5003000",
                "A JVM runs the loop far faster: use n ~10x larger, --warm keeps JVM start-up out of the clock:",
                "  ./examples/run process-pool --warm 2 50000000 50001000 50002000 50003000"})
public final class ProcessPoolPi implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROCESSES", description = "worker processes in the pool")
    int processNum;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "N", description = "terms of the series, one task each")
    List<Long> ns;

    @Option(names = "--warm", description = "start every worker JVM before the clock starts")
    boolean warm;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProcessPoolPi()).execute(args));
    }

    /** The article's {@code each_task(n)}; runs in a worker process. */
    static double eachTask(long n) {
        double pi = pi(n);
        writeLine("process " + ProcessHandle.current().pid() + " n=" + n + " pi=" + PyFloatRepr.repr(pi));
        return pi;
    }

    /** The series, operation for operation as in the article, so the double is CPython's to the last bit. */
    static double pi(long n) {
        double s = 0.0;
        for (long i = 0; i < n; i++) {
            s += 1.0 / (i + 1) / (i + 1);
        }
        return Math.sqrt(6 * s);
    }

    @Override
    public Integer call() throws Exception {
        if (processNum < 1 || ns.stream().anyMatch(n -> n < 0)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "PROCESSES must be >= 1 and every N >= 0, got " + processNum + " and " + ns);
        }
        // Logback configures itself on first use (~0.5 s): do it before the clock, as Python's logging is loaded
        // long before run().
        LoggerFactory.getLogger(ProcessPoolExecutor.class);
        try (ProcessPoolExecutor executor = new ProcessPoolExecutor(processNum)) {
            if (warm) {
                startEveryWorker(executor, processNum);
            }
            long start = System.nanoTime();
            List<Future<Double>> fs = new ArrayList<>();
            for (long n : ns) {
                fs.add(executor.submit(ProcessPoolPi::eachTask, n));
            }
            Futures.wait(fs); // wait for the end of the calculation
            double duration = (System.nanoTime() - start) / 1e9;
            System.out.printf("total cost: %.2fs%n", duration);
            for (Future<Double> f : fs) {
                f.result(); // a task that failed surfaces here (the article never looks)
            }
        } // close(): the article's executor.shutdown()
        return 0;
    }

    /**
     * {@code --warm}: rounds of short tasks until every one of the {@code processes} workers has answered one. Workers
     * start on demand (a submit starts one when none is idle), so the first round starts them all; a pause in each
     * task keeps the first worker to be ready from taking every task of the round. At most 50 rounds.
     */
    private static void startEveryWorker(ProcessPoolExecutor executor, int processes) throws Exception {
        Set<Long> answered = new HashSet<>();
        for (int round = 0; round < 50 && answered.size() < processes; round++) {
            List<Future<Long>> fs = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                fs.add(executor.submit(ProcessPoolPi::pidAfterPause, 100L));
            }
            for (Future<Long> f : fs) {
                answered.add(f.result(Duration.ofSeconds(60)));
            }
        }
    }

    /** Runs in a worker: sleeps (simulated work, not synchronisation) and says which worker it was. */
    static long pidAfterPause(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return ProcessHandle.current().pid();
    }

    /** The line and its newline in one write to the inherited standard output. */
    private static void writeLine(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        System.out.write(bytes, 0, bytes.length); // PrintStream: one write to the stream, then a flush
        System.out.flush();
    }
}

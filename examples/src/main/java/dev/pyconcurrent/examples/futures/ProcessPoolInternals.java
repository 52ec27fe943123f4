package dev.pyconcurrent.examples.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.process.pool.ProcessPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 000's "Internal structure of process pool", traced live: a few pi tasks go through a pool of two worker
 * processes, and every hop of every task is printed as the article's step 1-6 (main → work queue, management
 * thread → call queue, a worker takes it, its result on the result queue, the management thread sets the future,
 * main gets the result). Output (pids, times and the interleaving of tasks vary):
 * <pre>
 *   main thread                  management thread                           worker processes
 *   ...                          (an ASCII picture of the six steps)
 * main process pid 31448; a pool of 2 workers; 4 tasks
 * [step 1] +   25 ms main                             work item 0: submit(PiTask[n=20000000]) put it in the work queue; main got its future back
 * [step 2] +   50 ms ProcessPoolExecutor-1-manager    work item 0: moved from the work queue to the call queue (future now RUNNING)
 * [step 1] +  217 ms main                             work item 1: submit(PiTask[n=20000001]) put it in the work queue; ...
 * [step 2] +  217 ms ProcessPoolExecutor-1-manager    work item 1: moved from the work queue to the call queue (future now RUNNING)
 * [step 1] +  226 ms main                             work item 2: submit(PiTask[n=20000002]) put it in the work queue; ...
 * [step 1] +  227 ms main                             work item 3: submit(PiTask[n=20000003]) put it in the work queue; ...
 * [step 2] +  227 ms ProcessPoolExecutor-1-manager    work item 2: moved from the work queue to the call queue (future now RUNNING)
 * [step 3] +  602 ms ProcessPoolExecutor-1-channel-0  work item 0: taken from the call queue by worker pid 31496 (sent over its Unix socket)
 * [step 3] +  728 ms ProcessPoolExecutor-1-channel-1  work item 1: taken from the call queue by worker pid 31509 (sent over its Unix socket)
 * [step 4] +  812 ms ProcessPoolExecutor-1-channel-0  work item 0: worker pid 31496 put its result on the result queue
 * [step 5] +  813 ms ProcessPoolExecutor-1-manager    work item 0: taken from the result queue; the future is set (result)
 * [step 2] +  813 ms ProcessPoolExecutor-1-manager    work item 3: moved from the work queue to the call queue (future now RUNNING)
 * [step 6] +  816 ms main                             work item 0: future.result() returned 3.141592605841622
 * [step 3] +  817 ms ProcessPoolExecutor-1-channel-0  work item 2: taken from the call queue by worker pid 31496 (sent over its Unix socket)
 * ...
 * [step 6] +  963 ms main                             work item 3: future.result() returned 3.141592605841629
 * worker pids: [31496, 31509] (main process: 31448)
 * </pre>
 *
 * <p><b>What it teaches.</b> The left half (main, work queue, management thread) is the thread pool's shape, with one
 * management thread instead of many workers; the right half crosses processes through two queues: the call queue
 * (bounded: workers + 1, so most waiting work stays in the work queue) and the result queue. Main only ever talks to
 * the work queue and its futures; the management thread hides every process from it. In the run above work item 3
 * waits in the work queue: the call queue holds only workers + 1 = 3 calls, and when it was submitted work items 0-2
 * filled it (the two workers were still starting, a JVM each). The management thread refills the call queue only when
 * it wakes up, for a submit or a result, as CPython's does; so work item 3 moves when the first result arrives (its
 * step 2 comes right after work item 0's step 5). The first submits take longer because each starts a worker JVM, as CPython's
 * {@code submit} starts a process when no worker is idle.
 *
 * <p><b>Where Java differs.</b> CPython's call and result queues are two {@code multiprocessing.Queue}s every worker
 * shares; here the call queue lives in the main JVM and each worker has a "channel" thread there that takes a call on
 * its worker's behalf when the worker is free and sends it over that worker's own Unix socket (so step 3 is reported
 * by the channel thread, and a step 4 by the channel thread that read the result). The pool reports each hop just
 * after doing it, so reports can arrive out of order across threads; {@link SixStepTrace} holds a step back until the
 * previous one was printed, and says so. The trace is {@link dev.pyconcurrent.process.pool.PoolTrace}, a Java-only
 * listener (CPython has only {@code util.debug} calls there).
 */
@Command(name = "process-pool-internals", mixinStandardHelpOptions = true,
        description = "The six-step data flow of the process pool, traced live hop by hop for a few pi tasks.")
public final class ProcessPoolInternals implements Callable<Integer> {

    static final String PICTURE = String.join("\n",
            "  main thread                 management thread                        worker processes (JVMs)",
            "  -----------                 -----------------                        -----------------------",
            "  submit(task) --1--> [work queue] --2--> [call queue, workers + 1] ==3==> worker A | worker B",
            "  (gets a Future)                                                       (they scramble for calls)",
            "                                                                                  | run the task",
            "  result() <--6-- [Future] <--5-- management thread <-- [result queue] <==4=======+",
            "",
            "  --> hand-off inside the main process     ==> crosses processes: serialized bytes on a socket",
            "");

    @Option(names = "--workers", defaultValue = "2", description = "worker processes (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--tasks", defaultValue = "4", description = "pi tasks to submit (default: ${DEFAULT-VALUE})")
    int tasks;

    @Option(names = "--n", defaultValue = "20000000",
            description = "terms of the series in the first task; task i uses n + i (default: ${DEFAULT-VALUE})")
    long n;

    /** The article's {@code each_task(n)} as a task object (its record form prints readably in the trace). */
    record PiTask(long n) implements SerializableCallable<Double> {
        @Override
        public Double call() {
            return ProcessPoolPi.pi(n);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProcessPoolInternals()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || tasks < 1 || n < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--workers and --tasks must be >= 1 and --n >= 0");
        }
        LoggerFactory.getLogger(ProcessPoolExecutor.class); // logback's start-up, before the trace's clock
        System.out.println(PICTURE);
        System.out.println("main process pid " + ProcessHandle.current().pid() + "; a pool of " + workers
                + " workers; " + tasks + " tasks");
        SixStepTrace trace = new SixStepTrace();
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(workers).trace(trace).build()) {
            List<Future<Double>> fs = new ArrayList<>();
            List<Long> workIds = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                fs.add(pool.submit(new PiTask(n + i)));
                workIds.add(trace.lastSubmittedWorkId()); // step 1 was reported on this thread, inside submit
            }
            for (int i = 0; i < tasks; i++) {
                double pi = fs.get(i).result(Duration.ofSeconds(60));
                trace.mainGotResult(workIds.get(i), PyFloatRepr.repr(pi));
            }
        } // close() = shutdown(wait=true): the workers get the exit sentinel and end
        System.out.println("worker pids: " + trace.workerPids() + " (main process: " + ProcessHandle.current().pid()
                + ")");
        return 0;
    }
}

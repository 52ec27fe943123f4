package dev.pyconcurrent.examples.futures;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.pyconcurrent.futures.thread.QueueFullPolicy;
import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;
import dev.pyconcurrent.futures.thread.WorkQueueFullException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 000, "Disadvantages of thread pool": the work queue is unbounded, so a producer faster than the workers
 * piles tasks up until the process runs out of memory, and every queued task is lost with it. The scenario runs the
 * same fast producer and slow consumers twice and prints the queue length and the live heap every quarter second:
 * <pre>
 * child JVM (pid 4242), max heap 64 MB; producer: 20000 tasks/s, each holding a 1024-byte payload; 2 workers, 10 ms per task
 * -- unbounded queue (CPython's behaviour): ThreadPoolExecutor(2) --
 * phase       time  submitted  completed     queued   live heap
 * unbounded  0.25s       5000         50       4950      7.9 MB
 * unbounded  0.50s      10000        100       9900     13.6 MB
 * ...
 * unbounded  1.50s      30000        300      29700     36.2 MB
 * stopped at 50% of the heap: left alone, the queue would grow until OutOfMemoryError, losing all 29700 queued tasks
 * shutdown(cancelFutures=true) dropped the queued tasks
 * -- bounded queue: maxQueueSize(1000), QueueFullPolicy.BLOCK --
 * phase       time  submitted  completed     queued   live heap
 * bounded    0.25s       1050         50       1000      3.4 MB
 * ...
 * bounded    3.00s       1600        600       1000      3.4 MB
 * flat: the producer blocked in submit() whenever 1000 tasks were waiting, so it went at the workers' pace
 * </pre>
 *
 * <p><b>Why a child JVM.</b> The launcher's JVM gets the default heap (a quarter of the machine's memory), where the
 * unbounded phase would need minutes and gigabytes to show anything. So, by default, this scenario starts a second
 * JVM with the same {@code java} and classpath and {@code -Xmx64m} ({@code --heap-mb}), runs both phases there and
 * relays its output; {@code --in-this-jvm} runs them in the current JVM instead (against its own heap limit).
 *
 * <p><b>Why it never crashes.</b> The unbounded phase stops as soon as the live heap passes {@code --stop-at} (50%)
 * of the maximum, or after {@code --seconds}, whichever comes first. The producer is paced ({@code --rate} tasks/s),
 * so between two samples the heap can grow by at most {@code rate * payload * sample}, about 5 MB with the defaults,
 * far from the limit. "Live heap" is measured after an explicit {@code System.gc()} at each sample, so it counts what
 * the queue keeps alive, not garbage waiting to be collected; each queued task holds its payload, its
 * {@code Future} and its work item.
 *
 * <p><b>The bounded phase</b> uses the Java addition {@code ThreadPoolExecutor.builder().maxQueueSize(n)} with
 * {@link QueueFullPolicy#BLOCK}: {@code submit} waits for a free slot (here at most 200 ms at a time, so the producer
 * can notice the end of the phase), which slows the producer to the consumers' pace and keeps the heap flat.
 */
@Command(name = "unbounded-queue", mixinStandardHelpOptions = true,
        description = "A fast producer and slow workers: the unbounded queue grows the heap, a bounded one stays flat.")
public final class UnboundedQueue implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "3", description = "length of each phase (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--rate", defaultValue = "20000", description = "tasks the producer submits per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--payload-bytes", defaultValue = "1024", description = "bytes each task holds (default: ${DEFAULT-VALUE})")
    int payloadBytes;

    @Option(names = "--workers", defaultValue = "2", description = "consumer threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--task-ms", defaultValue = "10", description = "how long each task runs (default: ${DEFAULT-VALUE})")
    long taskMillis;

    @Option(names = "--bound", defaultValue = "1000", description = "maxQueueSize of the bounded phase (default: ${DEFAULT-VALUE})")
    int bound;

    @Option(names = "--sample-ms", defaultValue = "250", description = "interval between samples (default: ${DEFAULT-VALUE})")
    long sampleMillis;

    @Option(names = "--stop-at", defaultValue = "0.5",
            description = "end the unbounded phase when the live heap passes this fraction of the maximum (default: ${DEFAULT-VALUE})")
    double stopAt;

    @Option(names = "--heap-mb", defaultValue = "64", description = "-Xmx of the child JVM (default: ${DEFAULT-VALUE})")
    int heapMb;

    @Option(names = "--in-this-jvm", description = "run the phases in this JVM instead of a child JVM with a small heap")
    boolean inThisJvm;

    /** Set by the parent when it starts the child JVM, so the child can say where it came from. */
    @Option(names = "--child-of", hidden = true)
    Long parentPid;

    private static final double MB = 1024.0 * 1024.0;

    public static void main(String[] args) {
        System.exit(new CommandLine(new UnboundedQueue()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        return inThisJvm ? runPhases() : runInChildJvm();
    }

    /** Re-runs this command with {@code --in-this-jvm} in a JVM whose heap is only {@code --heap-mb}. */
    private int runInChildJvm() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m",
                "-cp", System.getProperty("java.class.path"),
                UnboundedQueue.class.getName(), "--in-this-jvm", "--child-of", Long.toString(ProcessHandle.current().pid()),
                "--seconds", Double.toString(seconds), "--rate", Integer.toString(rate),
                "--payload-bytes", Integer.toString(payloadBytes), "--workers", Integer.toString(workers),
                "--task-ms", Long.toString(taskMillis), "--bound", Integer.toString(bound),
                "--sample-ms", Long.toString(sampleMillis), "--stop-at", Double.toString(stopAt)));
        System.out.flush();
        Process child = new ProcessBuilder(command).inheritIO().start();
        long limitSeconds = (long) (2 * seconds) + 60; // two phases plus JVM start and GC, generously
        if (!child.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            System.err.println("the child JVM did not finish within " + limitSeconds + " s; killed it");
            return 1;
        }
        return child.exitValue();
    }

    private int runPhases() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        String where = parentPid == null ? "this JVM (pid " + ProcessHandle.current().pid() + ")"
                : "child JVM (pid " + ProcessHandle.current().pid() + ", started by " + parentPid + ")";
        System.out.printf("%s, max heap %.0f MB; producer: %d tasks/s, each holding a %d-byte payload; "
                        + "%d workers, %d ms per task%n", where, rt.maxMemory() / MB, rate, payloadBytes, workers,
                taskMillis);

        System.out.println("-- unbounded queue (CPython's behaviour): ThreadPoolExecutor(" + workers + ") --");
        ThreadPoolExecutor unbounded = ThreadPoolExecutor.builder().maxWorkers(workers)
                .threadNamePrefix("consumer").build();
        Phase first = runPhase("unbounded", unbounded, true);
        if (first.stoppedAtHeapLimit) {
            System.out.printf("stopped at %.0f%% of the heap: left alone, the queue would grow until OutOfMemoryError, "
                    + "losing all %d queued tasks%n", stopAt * 100, first.lastQueued);
        } else {
            System.out.printf("stopped after %.1f s with %d tasks queued and still growing%n", seconds, first.lastQueued);
        }
        unbounded.shutdown(true, true);
        System.out.println("shutdown(cancelFutures=true) dropped the queued tasks");

        System.out.println("-- bounded queue: maxQueueSize(" + bound + "), QueueFullPolicy.BLOCK --");
        ThreadPoolExecutor bounded = ThreadPoolExecutor.builder().maxWorkers(workers).threadNamePrefix("consumer")
                .maxQueueSize(bound).queueFullPolicy(QueueFullPolicy.BLOCK).blockTimeout(Duration.ofMillis(200))
                .build();
        runPhase("bounded", bounded, false);
        bounded.shutdown(true, true);
        System.out.println("flat: the producer blocked in submit() whenever " + bound
                + " tasks were waiting, so it went at the workers' pace");
        return 0;
    }

    /** What one phase ended with. */
    private record Phase(boolean stoppedAtHeapLimit, int lastQueued) {
    }

    /**
     * Runs the paced producer on its own thread (it may block in submit) while this thread samples every
     * {@code --sample-ms}: a full GC, then the live heap and the queue length.
     */
    private Phase runPhase(String name, ThreadPoolExecutor pool, boolean stopAtHeapLimit) throws InterruptedException {
        AtomicLong submitted = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        Thread producer = new Thread(() -> produce(pool, submitted, completed, start, end), name + "-producer");
        producer.setDaemon(true);
        System.out.printf("%-9s %6s %10s %10s %10s %11s%n", "phase", "time", "submitted", "completed", "queued", "live heap");
        producer.start();
        Runtime rt = Runtime.getRuntime();
        boolean atLimit = false;
        int queued = 0;
        while (System.nanoTime() < end && !atLimit) {
            Thread.sleep(sampleMillis); // the sampling interval, not synchronisation
            System.gc(); // so "live heap" is what the queue keeps alive, not garbage
            long live = rt.totalMemory() - rt.freeMemory();
            queued = pool.queueSize();
            System.out.printf("%-9s %5.2fs %10d %10d %10d %8.1f MB%n", name, (System.nanoTime() - start) / 1e9,
                    submitted.get(), completed.get(), queued, live / MB);
            atLimit = stopAtHeapLimit && live > stopAt * rt.maxMemory();
        }
        producer.interrupt(); // ends its pacing sleep at once; a blocked submit gives up within blockTimeout
        producer.join(5_000);
        return new Phase(atLimit, queued);
    }

    /** Submits {@code --rate} tasks per second until {@code end}, each holding its own payload. */
    private void produce(ThreadPoolExecutor pool, AtomicLong submitted, AtomicLong completed, long start, long end) {
        while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
            while (submitted.get() < due && !Thread.currentThread().isInterrupted()) {
                byte[] payload = new byte[payloadBytes]; // what a real request would carry
                try {
                    pool.submit(() -> {
                        Thread.sleep(taskMillis); // a slow consumer: simulated IO
                        completed.incrementAndGet();
                        return payload.length;
                    });
                    submitted.incrementAndGet();
                } catch (WorkQueueFullException full) {
                    // bounded phase: no slot within blockTimeout; try again (the loop re-checks the deadline)
                } catch (RuntimeException refused) {
                    return; // the phase ended and the pool was shut down, or this thread was interrupted
                }
            }
            try {
                Thread.sleep(1); // pacing
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

package dev.pyconcurrent.examples.multiprocessing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import dev.pyconcurrent.ipc.queues.Queue;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Article 002's {@code Queue} example: a writer process puts A, B, C with random pauses, a reader process
 * loops forever on {@code q.get(True)}, and the parent joins the writer and then terminates the reader, which
 * would never end by itself. Output (pids and interleaving vary):
 * <pre>
 * Process to write: 4101
 * Put A to queue...
 * Process to read: 4102
 * Get A from queue.
 * Put B to queue...
 * Get B from queue.
 * Put C to queue...
 * Get C from queue.
 * reader terminated, exit code -15
 * </pre>
 *
 * <p><b>What it teaches.</b> Two processes that share nothing but the queue: each item is serialized by the
 * writer, carried between processes and rebuilt by the reader. {@code terminate()} is the only way to stop a
 * process stuck in an endless loop; it sends SIGTERM, hence CPython's exit code {@code -15}.
 *
 * <p><b>Where Java differs.</b> CPython's queue is a pipe whose descriptors the children inherit. The JDK can
 * neither fork nor pass descriptors, so the queue lives in the parent JVM (its resource host) and the children
 * hold proxies that talk to it over a Unix socket; the writer's {@code put} hands the bytes to a feeder thread,
 * as CPython's does. A child JVM also takes ~100 ms to start where a fork takes ~1 ms, so the article's
 * "join the writer, then terminate the reader" could kill a reader that has not caught up yet. The parent
 * therefore waits (bounded) until the queue it hosts is empty before terminating; the article relies on the
 * reader being fast enough instead.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "A writer and a reader process share a Queue; the parent terminates the endless reader.")
public final class QueueWriterReader implements Callable<Integer> {

    @Mixin
    TimeScale time = new TimeScale();

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueueWriterReader()).execute(args));
    }

    /** The article's {@code write(q)}: runs in the writer process. */
    static void write(Queue<String> q, Double scale) throws InterruptedException {
        System.out.println("Process to write: " + ProcessHandle.current().pid());
        for (String value : List.of("A", "B", "C")) {
            System.out.println("Put " + value + " to queue...");
            q.put(value);
            TimeScale.sleep(ThreadLocalRandom.current().nextDouble(), scale); // time.sleep(random.random())
        }
    }

    /** The article's {@code read(q)}: an endless loop in the reader process. */
    static void read(Queue<String> q) throws InterruptedException {
        System.out.println("Process to read: " + ProcessHandle.current().pid());
        while (true) {
            String value = q.get(); // q.get(True): blocks until an item arrives
            System.out.println("Get " + value + " from queue.");
        }
    }

    @Override
    public Integer call() throws Exception {
        Queue<String> q = new Queue<>();
        Process pw = new Process(QueueWriterReader::write, q, time.factor());
        Process pr = new Process(QueueWriterReader::read, q);
        pw.start();
        pr.start();
        pw.join(); // wait for the writer to end

        // Java-only step (see the class comment): this JVM hosts the queue, so empty() is exact here.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!q.empty() && pr.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        pr.terminate(); // the reader loops forever: it cannot be joined, only terminated
        pr.join();
        System.out.println("reader terminated, exit code " + pr.exitCode());
        return pw.exitCode();
    }
}

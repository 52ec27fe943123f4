package dev.pyconcurrent.examples.multiprocessing;

import java.util.List;
import java.util.concurrent.Callable;

import dev.pyconcurrent.ipc.queues.Queue;
import dev.pyconcurrent.ipc.queues.QueueShutDownException;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Article 002's {@code Queue} example with the ending CPython main makes possible: the reader's endless
 * {@code q.get(True)} loop no longer has to be {@code terminate()}d. The parent calls {@code q.shutdown()} once the
 * writer is done; items already queued are still delivered, and then every {@code get}, including one blocked in
 * another process, raises {@code queue.ShutDown}, so the reader leaves its loop and exits normally. In Python (3.15+):
 * <pre>
 * def read(q):
 *     while True:
 *         try:
 *             value = q.get(True)
 *         except queue.ShutDown:
 *             print('Queue shut down: reader exits.')
 *             return
 *         print('Get %s from queue.' % value)
 * ...
 * pw.join()
 * q.shutdown()          # instead of pr.terminate()
 * pr.join()
 * </pre>
 * Output (pids vary; the reader may print its Gets before or after the writer's last Put):
 * <pre>
 * Process to write: 4101
 * Put A to queue...
 * Put B to queue...
 * Put C to queue...
 * Process to read: 4102
 * Get A from queue.
 * Get B from queue.
 * Get C from queue.
 * Queue shut down: reader exits.
 * reader joined, exit code 0 (no terminate() needed); a put after shutdown raises QueueShutDownException
 * </pre>
 * With {@code --immediate}, {@code shutdown(immediate=True)} drops the items still queued instead, so the reader may
 * get fewer than three. Older CPython releases have no {@code Queue.shutdown}: there the article's {@code terminate()}
 * (see the {@code queue} scenario) or a sentinel item are the ways to end the reader.
 *
 * <p><b>Where Java differs.</b> The queue lives in the parent JVM and the children hold proxies (see the
 * {@code queue} scenario), so the shutdown flag is set where the items are and reaches a proxy's blocked
 * {@code get} through its host connection.
 */
@Command(name = "queue-shutdown", mixinStandardHelpOptions = true,
        description = "CPython main's Queue.shutdown(): the endless reader ends by itself once the queue is shut down.")
public final class QueueShutdown implements Callable<Integer> {

    @Option(names = "--immediate", description = "shutdown(immediate=True): drop the items still queued")
    boolean immediate;

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueueShutdown()).execute(args));
    }

    /** The article's {@code write(q)}, without the pauses: the point here is how the reader ends. */
    static void write(Queue<String> q) throws InterruptedException {
        System.out.println("Process to write: " + ProcessHandle.current().pid());
        for (String value : List.of("A", "B", "C")) {
            System.out.println("Put " + value + " to queue...");
            q.put(value);
        }
    }

    /** The article's endless {@code read(q)}, ended by the queue's shutdown instead of by SIGTERM. */
    static void read(Queue<String> q) throws InterruptedException {
        System.out.println("Process to read: " + ProcessHandle.current().pid());
        while (true) {
            String value;
            try {
                value = q.get(); // q.get(True)
            } catch (QueueShutDownException shutDown) {
                System.out.println("Queue shut down: reader exits.");
                return;
            }
            System.out.println("Get " + value + " from queue.");
        }
    }

    @Override
    public Integer call() throws Exception {
        Queue<String> q = new Queue<>();
        Process pw = new Process(QueueShutdown::write, q);
        Process pr = new Process(QueueShutdown::read, q);
        pw.start();
        pr.start();
        pw.join();
        q.shutdown(immediate); // the reader keeps getting what is queued (unless immediate), then ShutDown
        pr.join();
        String putAfter;
        try {
            q.put("D");
            putAfter = "a put after shutdown WAS ACCEPTED";
        } catch (QueueShutDownException expected) {
            putAfter = "a put after shutdown raises QueueShutDownException";
        }
        System.out.println("reader joined, exit code " + pr.exitCode() + " (no terminate() needed); " + putAfter);
        return pw.exitCode() == 0 && pr.exitCode() == 0 ? 0 : 1;
    }
}

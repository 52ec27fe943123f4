package dev.pyconcurrent.examples.multiprocessing;

import java.util.concurrent.Callable;

import dev.pyconcurrent.ipc.queues.JoinableQueue;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Article 002's {@code JoinableQueue} example: the main process produces five items, one a second, into a
 * {@code JoinableQueue}; a daemon consumer process takes each one and calls {@code taskDone()}; the producer's
 * {@code q.join()} returns only when every item it put has been marked done, so the last line always comes
 * after the last consumer line. Output:
 * <pre>
 * Producer made product0
 * Consumer got product0
 * Producer made product1
 * Consumer got product1
 * ...
 * Consumer got product4
 * Main thread
 * </pre>
 * The article prints in Chinese: {@code 生产者做好了 产品0} (producer made product0), {@code 消费者拿到了 产品0}
 * (consumer got product0) and {@code 主线程} (main thread); English keeps the output readable in any locale.
 *
 * <p><b>What it teaches.</b> {@code taskDone()}/{@code join()} is a counter of unfinished tasks shared by the
 * processes: {@code put} adds one, {@code taskDone} removes one, {@code join} waits for zero. The consumer
 * loops forever and is a daemon, so it dies with the main process; {@code join()} is what guarantees it has
 * finished the work first. (The article's {@code random.randrange(1, 2)} is always 1: one item a second.)
 *
 * <p><b>Where Java differs.</b> The counter lives in the main JVM, which created the queue; the consumer's
 * {@code taskDone()} is a call to it over a socket rather than a release of a shared semaphore. A daemon
 * child is sent SIGTERM when the main JVM exits, as CPython's atexit handler does.
 */
@Command(name = "joinable-queue", mixinStandardHelpOptions = true,
        description = "A producer and a daemon consumer process with taskDone/join.")
public final class JoinableQueueConsumer implements Callable<Integer> {

    @Mixin
    TimeScale time = new TimeScale();

    @Option(names = "--items", defaultValue = "5", description = "how many products (default: ${DEFAULT-VALUE})")
    int items;

    public static void main(String[] args) {
        System.exit(new CommandLine(new JoinableQueueConsumer()).execute(args));
    }

    /** The article's {@code consumer(q)}: runs forever in the daemon child. */
    static void consumer(JoinableQueue<String> q) throws InterruptedException {
        while (true) {
            String res = q.get();
            System.out.println("Consumer got " + res);
            q.taskDone();
        }
    }

    /** The article's {@code producer(seq, q)}: runs in the main process. */
    void producer(JoinableQueue<String> q) throws InterruptedException {
        for (int i = 0; i < items; i++) {
            time.sleep(1); // time.sleep(random.randrange(1, 2)), which is always 1
            String item = "product" + i;
            q.put(item);
            System.out.println("Producer made " + item);
        }
        q.join(); // returns once the consumer has called taskDone() for every item
    }

    @Override
    public Integer call() throws Exception {
        JoinableQueue<String> q = new JoinableQueue<>();
        Process p = new Process(JoinableQueueConsumer::consumer, q);
        p.setDaemon(true); // dies with the main process; q.join() makes sure its work is done first
        p.start();
        producer(q);
        System.out.println("Main thread");
        return 0;
    }
}

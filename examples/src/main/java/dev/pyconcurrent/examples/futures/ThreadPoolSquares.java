package dev.pyconcurrent.examples.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.Futures;
import dev.pyconcurrent.futures.thread.ThreadPoolExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Article 000's first program ("Multithreading"): {@code python t.py 2 10} runs ten one-second "IO" tasks on two
 * threads, each task prints {@code thread <id> square <i>} and returns {@code i*i}, and the main thread waits for all
 * of them, sums the results and prints the time. Two threads share ten seconds of sleeping, so it takes five:
 * <pre>
 * thread 23 square 0thread 24 square 1
 *
 * thread 24 square 2
 * thread 23 square 3
 * ...
 * thread 23 square 9
 * total result=285 cost: 5.02s
 * </pre>
 * With {@code 10 10} every task gets its own thread and the run takes about one second. The thread id is
 * {@code Thread.getId()}, the JVM's counterpart of {@code threading.current_thread().ident} (a small counter rather
 * than a pthread address).
 *
 * <p><b>The interleaved lines, reproduced honestly.</b> The article's first output has two lines glued together and
 * an empty line after them. Python 2's {@code print "..."} is two writes to the file: the text, then the newline.
 * Each write is atomic, the pair is not, so another thread's text can land between them. By default this scenario
 * prints the same way, as two separate writes to {@code System.out}: {@code print(text)}, {@code flush()},
 * {@code print("\n")}. The flush pushes the text to the file descriptor at once, as Python's file write did, which
 * widens the window between the two writes the way the interpreter's thread switch did in Python. Whether lines
 * actually tear is a matter of timing, in Java as in Python: many tasks waking at the same moment make it likely
 * ({@code thread-pool 32 64 --task-seconds 0.2} tore up to ten lines per run on a 2-core machine), but any run may
 * also come out neat, and {@code 2 10} usually does.
 *
 * <p>{@code --single-write} is the article's fix ({@code sys.stdout.write(text + "\n")}): the text and its newline go
 * out in one {@code print} call. In Java that is whole with respect to every other {@code print} on the same stream,
 * because {@code PrintStream} holds its own lock for the duration of each call, so lines can come out in any order
 * but never torn (the article's "whether write is absolutely atomic needs further discussion": for one
 * {@code PrintStream}, it is).
 *
 * <p>{@code --task-seconds} shortens the simulated IO (the smoke test uses it); the article's tasks sleep 1 s.
 */
@Command(name = "thread-pool", mixinStandardHelpOptions = true,
        description = "N threads run M sleeping tasks; prints 'thread <id> square <i>' and the total. "
                + "By default each line is two writes, so lines from different threads can interleave.")
public final class ThreadPoolSquares implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "THREADS", defaultValue = "2",
            description = "worker threads (default: ${DEFAULT-VALUE})")
    int threadNum;

    @Parameters(index = "1", paramLabel = "TASKS", defaultValue = "10",
            description = "tasks, numbered 0..TASKS-1 (default: ${DEFAULT-VALUE})")
    int taskNum;

    @Option(names = "--single-write",
            description = "write each line (text and newline) in one write: the article's fix")
    boolean singleWrite;

    @Option(names = "--task-seconds", defaultValue = "1",
            description = "how long each task sleeps, simulating IO (default: ${DEFAULT-VALUE})")
    double taskSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ThreadPoolSquares()).execute(args));
    }

    /** The article's {@code each_task(index)}: sleep (simulated IO), print, return the square. */
    int eachTask(int index) {
        sleep(Duration.ofNanos((long) (taskSeconds * 1e9)));
        say(String.format("thread %s square %d", Thread.currentThread().getId(), index));
        return index * index;
    }

    @Override
    public Integer call() {
        if (threadNum < 1 || taskNum < 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "THREADS must be >= 1 and TASKS >= 0, got " + threadNum + " and " + taskNum);
        }
        // The pool's workers log through slf4j, and logback reads its configuration on first use (about half a
        // second): do that before the clock starts, as Python has its logging module loaded long before run().
        LoggerFactory.getLogger(ThreadPoolExecutor.class);
        // The article calls executor.shutdown() at the end; try-with-resources is Python's `with`, which does it too.
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor(threadNum)) {
            long start = System.nanoTime();
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < taskNum; i++) {
                fs.add(executor.submit(this::eachTask, i));
            }
            Futures.wait(fs); // wait for the end of the calculation
            double duration = (System.nanoTime() - start) / 1e9;
            int s = 0;
            for (Future<Integer> f : fs) {
                s += f.result();
            }
            say(String.format("total result=%s cost: %.2fs", s, duration));
        }
        return 0;
    }

    /** One line of output, either as Python 2's print did it (two writes) or as the article's fix (one write). */
    private void say(String text) {
        if (singleWrite) {
            System.out.print(text + "\n"); // one write: PrintStream's lock covers the text and its newline
        } else {
            System.out.print(text);  // write 1: the text ...
            System.out.flush();      // ... pushed out now, as Python's file write did ...
            System.out.print("\n");  // write 2: the newline; another thread's text may have landed in between
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000); // simulated IO, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.pyconcurrent.examples.multiprocessing;

import java.util.concurrent.Callable;

import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Article 002's {@code os.fork()} example, the JVM way.
 *
 * <p>A JVM cannot {@code fork()}: a forked copy would hold only the forking thread, with the GC, JIT and
 * every other VM thread missing, and the JDK exposes no such call. What {@code multiprocessing} calls the
 * <em>spawn</em> start method is the honest equivalent: start a fresh interpreter (here a fresh JVM with
 * the parent's {@code java} and classpath) and send it the function to run. The output has the article's
 * shape — the parent announces itself, creates a child, and the child names its parent:
 * <pre>
 * Process (876) start...
 * I (876) just created a child process (877).
 * I am child process (877) and my parent is 876.
 * </pre>
 * Unlike fork, the child does not continue from the same line with a copy of the parent's memory; it
 * runs only the target it was sent.
 */
@Command(name = "fork", mixinStandardHelpOptions = true,
        description = "The JVM cannot fork: the spawn equivalent with parent/child pids.")
public final class ForkEquivalent implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ForkEquivalent()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long me = ProcessHandle.current().pid();
        System.out.printf("Process (%d) start...%n", me);
        Process child = new Process(() -> System.out.printf("I am child process (%d) and my parent is %d.%n",
                ProcessHandle.current().pid(),
                ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)));
        child.start();
        System.out.printf("I (%d) just created a child process (%d).%n", me, child.pid());
        System.out.flush();
        child.join();
        return child.exitCode();
    }
}

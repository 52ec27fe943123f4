package dev.pyconcurrent.examples.multiprocessing;

import java.util.concurrent.Callable;

import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Article 002's first {@code Process} example: the parent starts one child with an argument, joins it, and
 * only then goes on.
 * <pre>
 * Parent process 928.
 * Child process will start.
 * Run child process test (929)...
 * Child process end.
 * </pre>
 * {@code start()} launches a new JVM (multiprocessing's spawn start method) and sends it the serialized
 * target and argument; {@code join()} blocks until the child JVM has exited.
 */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = "Start a child process with an argument and join it.")
public final class ProcessStartJoin implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProcessStartJoin()).execute(args));
    }

    /** The article's {@code run_proc(name)}: runs in the child JVM. */
    static void runProc(String name) {
        System.out.printf("Run child process %s (%d)...%n", name, ProcessHandle.current().pid());
    }

    @Override
    public Integer call() throws Exception {
        System.out.printf("Parent process %d.%n", ProcessHandle.current().pid());
        Process p = new Process(ProcessStartJoin::runProc, "test");
        System.out.println("Child process will start.");
        System.out.flush();
        p.start();
        p.join();
        System.out.println("Child process end.");
        return p.exitCode();
    }
}

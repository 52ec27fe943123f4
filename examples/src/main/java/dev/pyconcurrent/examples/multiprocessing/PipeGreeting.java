package dev.pyconcurrent.examples.multiprocessing;

import java.util.concurrent.Callable;

import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.Pipe;
import dev.pyconcurrent.process.Process;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Article 002's {@code Pipe} example: the parent creates a pipe, gives one end to a child, and the two greet
 * each other. The child waits a second, asks "have you eaten?", and prints the father's answer. Output:
 * <pre>
 * Greeting from the son: Have you eaten?
 * Greeting from the father: Mm.
 * </pre>
 * The article prints in Chinese: {@code 来自儿子的问候: 吃了吗} and {@code 来自父亲的问候: 嗯}; English keeps the
 * output readable in any locale.
 *
 * <p><b>What it teaches.</b> A {@code Pipe()} is two connected ends; what one end {@code send}s (serialized), the
 * other {@code recv}s (rebuilt), in both directions. {@code recv} blocks until a message arrives, so the parent
 * simply waits the child's second out. The pipe must exist before the child is created, so that the child can
 * be given its end.
 *
 * <p><b>Where Java differs.</b> {@code Pipe.open()} is a real socket pair, but the JDK cannot hand a socket to
 * another process: when the child's end is serialized as a {@code Process} argument, the parent keeps the
 * socket and relays frames to the child over a socket of its resource host, and the child receives a live
 * {@code Connection}. The article's parent does not join the child (CPython's interpreter joins
 * non-daemon children at exit); here the parent joins explicitly, because it also hosts the relay the child's
 * end runs through.
 */
@Command(name = "pipe", mixinStandardHelpOptions = true,
        description = "Parent and child greet each other over a Pipe.")
public final class PipeGreeting implements Callable<Integer> {

    @Mixin
    TimeScale time = new TimeScale();

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipeGreeting()).execute(args));
    }

    /** The article's {@code f(Subconn)}: runs in the child. */
    static void son(Connection subconn, Double scale) throws Exception {
        TimeScale.sleep(1, scale);
        subconn.send("Have you eaten?");
        System.out.println("Greeting from the father: " + subconn.recv());
        subconn.close();
    }

    @Override
    public Integer call() throws Exception {
        try (Pipe pipe = Pipe.open()) { // both ends of the pipe
            Connection parentConn = pipe.first();
            Connection childConn = pipe.second();
            Process p = new Process(PipeGreeting::son, childConn, time.factor()); // create the child
            p.start();
            System.out.println("Greeting from the son: " + parentConn.recv());
            parentConn.send("Mm.");
            p.join(); // see the class comment: the relay to the child's end lives in this JVM
            return p.exitCode();
        }
    }
}

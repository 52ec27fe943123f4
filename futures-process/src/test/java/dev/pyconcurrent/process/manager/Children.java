package dev.pyconcurrent.process.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import dev.pyconcurrent.process.Process;
import dev.pyconcurrent.process.ProcessTarget;

/** Runs a target in a real child JVM and checks that it exited cleanly (its assertion errors exit with 1). */
final class Children {
    private Children() {
    }

    static <A> void runInChild(ProcessTarget.OneArg<A> target, A arg) throws InterruptedException {
        Process p = new Process(target, arg);
        p.start();
        boolean done = p.join(Duration.ofSeconds(60));
        if (!done) {
            p.kill();
        }
        assertEquals(0, p.exitCode(), "child process exit code (1 = its check failed, see its stderr)");
    }

    /** {@code if (!condition) throw}: assertions inside a child, where JUnit is not running. */
    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("child check failed: " + what);
        }
    }
}

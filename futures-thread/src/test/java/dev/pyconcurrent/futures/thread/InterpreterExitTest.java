package dev.pyconcurrent.futures.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVM exit with live pools (CPython's "interpreter shutdown"), run in real child JVMs. Ports CPython's
 * {@code test_shutdown.py::ExecutorShutdownTest}: {@code test_interpreter_shutdown}, {@code test_hang_gh83386},
 * {@code test_submit_after_interpreter_shutdown}, and {@code ThreadPoolShutdownTest::test_cancel_futures_wait_false}.
 * Java addition: {@code System.exit} inside a task ends the JVM without a hang (the exit hook does not join the
 * exiting worker).
 */
@Timeout(60)
class InterpreterExitTest {
    @TempDir
    Path tmp;

    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    private Outcome run(String scenario) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File out = tmp.resolve(scenario + ".out").toFile();
        File err = tmp.resolve(scenario + ".err").toFile();
        Process p = new ProcessBuilder(List.of(java, "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"),
                ExitScenarios.class.getName(), scenario)).redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM for " + scenario + " hung");
        }
        return new Outcome(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8).strip(),
                Files.readString(err.toPath(), StandardCharsets.UTF_8).strip());
    }

    @Test
    void queuedWorkFinishesWhenMainEndsWithoutShutdown() throws Exception {
        Outcome o = run("exit-without-shutdown");
        assertEquals(new Outcome(0, "apple", ""), o);
    }

    @Test
    void shutdownWithoutWaitStillFinishesRunningWorkBeforeExit() throws Exception {
        Outcome o = run("shutdown-no-wait");
        assertEquals(new Outcome(0, "apple", ""), o);
    }

    @Test
    void cancelFuturesWithoutWaitExitsCleanly() throws Exception {
        Outcome o = run("cancel-futures-no-wait");
        assertEquals(0, o.exitCode());
        assertEquals("", o.stderr());
        // Which calls were already running when shutdown cancelled the rest depends on scheduling (a loaded machine
        // can let a worker take a second call first), so assert the invariants instead of one interleaving: only
        // our two words, "apple" at most once, and the cancelled bananas never ran.
        java.util.List<String> lines = o.stdout().isEmpty() ? java.util.List.of() : o.stdout().lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.equals("apple") || l.equals("banana")), o.stdout());
        assertTrue(lines.stream().filter("apple"::equals).count() <= 1, o.stdout());
        assertTrue(lines.stream().filter("banana"::equals).count() < 10, "nothing was cancelled:\n" + o.stdout());
    }

    @Test
    void submitFromAnExitHookIsRefusedWithAClearMessage() throws Exception {
        Outcome o = run("submit-after-interpreter-shutdown");
        assertEquals(new Outcome(0, "cannot schedule new futures after interpreter shutdown", ""), o);
    }

    @Test
    void systemExitInsideATaskEndsTheJvmWithoutHanging() throws Exception {
        Outcome o = run("system-exit-in-task");
        assertEquals(3, o.exitCode());
    }
}

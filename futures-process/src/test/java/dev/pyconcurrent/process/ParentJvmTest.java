package dev.pyconcurrent.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behaviour seen from outside a parent JVM: the child's stdout and stderr reach the parent's own streams, and the
 * exit rules for children (non-daemon children are waited for, daemon children are terminated).
 *
 * <p>Ports from {@code Lib/test/_test_multiprocessing.py}: {@code _TestSubclassingProcess.test_stderr_flush} (the
 * traceback of a failing child is on stderr, headed {@code Process <name>:}), and the exit handling of
 * {@code util._exit_function} (terminate daemonic children, join the others). Each test runs a real parent JVM from
 * {@link ParentMains} with this JVM's classpath.
 */
@Timeout(60)
class ParentJvmTest {
    @TempDir
    Path dir;

    @Test
    void childOutputReachesTheParentsStreamsInOrder() throws Exception {
        Result result = runParent(ParentMains.ChildPrints.class);
        assertEquals(0, result.exitCode);
        assertEquals(List.of("hello from Process-1", "parent saw 0 1"), result.stdout);
        String stderr = String.join("\n", result.stderr);
        assertTrue(stderr.contains("Process Process-2:\njava.lang.IllegalStateException: boom in the child"), stderr);
    }

    @Test
    void parentJvmWaitsForNonDaemonChildrenAfterMainReturns() throws Exception {
        Result result = runParent(ParentMains.NonDaemonOutlivesMain.class);
        assertEquals(0, result.exitCode);
        assertEquals(List.of("main returns", "child done"), result.stdout);
    }

    @Test
    void parentJvmTerminatesDaemonChildrenAtExit() throws Exception {
        Result result = runParent(ParentMains.DaemonTerminatedAtExit.class);
        assertEquals(0, result.exitCode);
        assertEquals(1, result.stdout.size(), result.stdout.toString());
        long pid = Long.parseLong(result.stdout.get(0).replace("daemon pid ", ""));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    private Result runParent(Class<?> main) throws Exception {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.lang.Process parent = new java.lang.ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                main.getName())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!parent.waitFor(45, TimeUnit.SECONDS)) {
            parent.destroyForcibly();
            throw new AssertionError("parent JVM " + main.getSimpleName() + " did not finish");
        }
        return new Result(parent.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    }

    private static final class Result {
        final int exitCode;
        final List<String> stdout;
        final List<String> stderr;

        Result(int exitCode, List<String> stdout, List<String> stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }
}

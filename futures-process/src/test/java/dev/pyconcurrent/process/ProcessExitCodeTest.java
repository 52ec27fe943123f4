package dev.pyconcurrent.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exit codes, CPython style: 0, 1 for an exception, {@code n} for an explicit exit, {@code -signal} for a signal
 * death, and {@code join(timeout)} on a live child.
 *
 * <p>Ports from {@code Lib/test/_test_multiprocessing.py}: {@code _TestProcess.test_terminate},
 * {@code test_kill}, {@code _TestSubclassingProcess.test_sys_exit} (the Java forms of {@code sys.exit}),
 * the timeout half of {@code test_terminate} ({@code join(0)}, {@code join(-1)} return at once),
 * {@code _TestProcess.test_wait_for_threads} and {@code _TestAtExit.test_atexit} (shutdown hooks in the child).
 */
@Timeout(60)
class ProcessExitCodeTest {

    @Test
    void normalReturnGivesZero() throws Exception {
        assertEquals(0, run(new Process(() -> { })));
    }

    @Test
    void uncaughtExceptionGivesOne() throws Exception {
        assertEquals(1, run(new Process(() -> {
            throw new IllegalStateException("expected by the test");
        })));
    }

    @Test
    void systemExitGivesItsStatusEvenInTheSignalRange() throws Exception {
        assertEquals(7, run(new Process(() -> System.exit(7))));
        // 137 = 128 + SIGKILL: the exit report tells it apart from a real kill.
        assertEquals(137, run(new Process(() -> System.exit(137))));
    }

    @Test
    void systemExitExceptionFollowsSysExitRules() throws Exception {
        assertEquals(0, run(new Process(() -> {
            throw new SystemExitException();
        })));
        assertEquals(8, run(new Process(() -> {
            throw new SystemExitException(8);
        })));
        assertEquals(1, run(new Process(() -> {
            throw new SystemExitException("a message is printed and exits with 1");
        })));
    }

    @Test
    void terminateGivesMinusSigterm() throws Exception {
        Process p = new Process(ChildIO::sleepLong);
        p.start();
        assertFalse(p.join(Duration.ZERO), "join(0) returns at once while the child runs");
        assertFalse(p.join(Duration.ofMillis(-1)), "a negative timeout returns at once too");
        assertTrue(p.isAlive());
        p.terminate();
        p.join();
        assertEquals(-15, p.exitCode());
    }

    @Test
    void killGivesMinusSigkill() throws Exception {
        Process p = new Process(ChildIO::sleepLong);
        p.start();
        p.kill();
        p.join();
        assertEquals(-9, p.exitCode());
    }

    @Test
    void joinWithTimeoutReturnsWhileTheChildIsStillAlive() throws Exception {
        Process p = new Process(ChildIO::sleepLong);
        p.start();
        long t0 = System.nanoTime();
        assertFalse(p.join(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(190).toNanos(), "join waited for its timeout");
        assertTrue(p.isAlive());
        assertNull(p.exitCode());
        p.kill();
        p.join();
    }

    @Test
    void childWaitsForItsNonDaemonThreadsBeforeExiting() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempFile("threads", ".txt");
        String file = out.toString();
        Process p = new Process(() -> {
            Thread worker = new Thread(() -> {
                ChildIO.sleep(300);
                ChildIO.append(file, "worker done");
            });
            worker.start();
        });
        assertEquals(0, run(p));
        assertEquals(java.util.List.of("worker done"), ChildIO.lines(out));
        java.nio.file.Files.deleteIfExists(out);
    }

    @Test
    void shutdownHooksRegisteredInTheChildRunAtItsNormalExit() throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempFile("atexit", ".txt");
        String file = out.toString();
        Process p = new Process(() -> Runtime.getRuntime().addShutdownHook(
                new Thread(() -> ChildIO.append(file, "hook ran"))));
        assertEquals(0, run(p));
        assertEquals(java.util.List.of("hook ran"), ChildIO.lines(out));
        java.nio.file.Files.deleteIfExists(out);
    }

    private static int run(Process p) throws InterruptedException {
        p.start();
        p.join();
        return p.exitCode();
    }
}

package dev.pyconcurrent.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The life cycle of a {@link Process}: attributes before/after start, join, close, sentinel, active children, and
 * every misuse rule of the state machine.
 *
 * <p>Ports from {@code Lib/test/_test_multiprocessing.py}: {@code _TestProcess.test_current},
 * {@code test_process}, {@code test_args_argument}, {@code test_daemon_argument}, {@code test_close},
 * {@code test_sentinel}, {@code test_active_children}, {@code test_cpu_count}, {@code test_lose_target_ref}
 * (the parent drops the target), plus the library's asserts in {@code BaseProcess.start/join}.
 */
@Timeout(60)
class ProcessLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void currentProcessIsAliveMainProcessWithAuthkeyAndNoExitCode() {
        Process current = Process.currentProcess();
        assertTrue(current.isAlive());
        assertFalse(current.isDaemon());
        assertEquals("MainProcess", current.name());
        assertEquals(32, current.authkey().length);
        assertEquals(ProcessHandle.current().pid(), current.pid());
        assertEquals(current.pid(), current.ident());
        assertNull(current.exitCode());
        assertTrue(Process.parentProcess().isEmpty());
    }

    @Test
    void processRunsTargetWithArgsKwargsAndNameThenLeavesActiveChildren() throws Exception {
        String out = dir.resolve("out").toString();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("hello", 23);
        kwargs.put("bye", 2.54);
        Process p = new Process((ProcessTarget) (args, kw) -> {
            ChildIO.append(out, args.toString());
            ChildIO.append(out, kw.toString());
            ChildIO.append(out, Process.currentProcess().name());
            ChildIO.append(out, Arrays.toString(Process.currentProcess().authkey()));
        }, List.of(1, 2, 3), kwargs, "SomeProcess", null);

        assertTrue(Arrays.equals(Process.currentProcess().authkey(), p.authkey()));
        assertFalse(p.isAlive());
        assertFalse(p.isDaemon());
        assertNull(p.exitCode());
        assertNull(p.pid());

        p.start();
        assertNull(p.exitCode());
        assertTrue(Process.activeChildren().contains(p));
        assertNotNull(p.pid());

        p.join();
        assertEquals(0, p.exitCode());
        assertFalse(p.isAlive());
        assertFalse(Process.activeChildren().contains(p));
        assertEquals(List.of("[1, 2, 3]", "{hello=23, bye=2.54}", "SomeProcess",
                Arrays.toString(Process.currentProcess().authkey())), ChildIO.lines(Path.of(out)));
    }

    @Test
    void argsMayBeAnyListIncludingNulls() throws Exception {
        String out = dir.resolve("out").toString();
        Process p = Process.builder()
                .target((ProcessTarget) (args, kw) -> ChildIO.append(out, String.valueOf(args)))
                .args(Arrays.asList("a", null, 3))
                .build();
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        assertEquals(List.of("[a, null, 3]"), ChildIO.lines(Path.of(out)));
    }

    @Test
    void daemonDefaultsToTheCurrentProcessFlagAndExplicitValuesAreHonoured() {
        assertFalse(new Process(() -> { }).isDaemon());
        assertTrue(Process.builder().daemon(true).build().isDaemon());
        assertFalse(Process.builder().daemon(false).build().isDaemon());
    }

    @Test
    void defaultNamesFollowTheIdentityCounter() {
        Process a = new Process(() -> { });
        Process b = new Process(() -> { });
        int[] ia = a.identity();
        assertEquals(1, ia.length);
        assertEquals("Process-" + ia[0], a.name());
        assertEquals("Process-" + (ia[0] + 1), b.name());
    }

    @Test
    void startTwiceIsAnError() throws Exception {
        Process p = new Process(() -> { });
        p.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::start);
        assertEquals("cannot start a process twice", e.getMessage());
        p.join();
        assertThrows(IllegalStateException.class, p::start);
    }

    @Test
    void joinTerminateAndSentinelBeforeStartAreErrors() {
        Process p = new Process(() -> { });
        assertEquals("can only join a started process",
                assertThrows(IllegalStateException.class, p::join).getMessage());
        assertThrows(IllegalStateException.class, p::terminate);
        assertThrows(IllegalStateException.class, p::kill);
        assertEquals("process not started", assertThrows(IllegalStateException.class, p::sentinel).getMessage());
    }

    @Test
    void theMainProcessCannotBeStartedOrJoined() {
        Process main = Process.currentProcess();
        assertEquals("can only start a process object created by current process",
                assertThrows(IllegalStateException.class, main::start).getMessage());
        assertEquals("can only join a child process", assertThrows(IllegalStateException.class, main::join).getMessage());
    }

    @Test
    void daemonFlagCannotChangeAfterStart() throws Exception {
        Process p = new Process(() -> { });
        p.setDaemon(true);
        p.start();
        assertEquals("process has already started",
                assertThrows(IllegalStateException.class, () -> p.setDaemon(false)).getMessage());
        p.join();
    }

    @Test
    void closeWhileRunningFailsThenClosedProcessRejectsUseAndCloseIsIdempotent() throws Exception {
        Process p = new Process(ChildIO::sleepLong);
        p.start();
        IllegalStateException running = assertThrows(IllegalStateException.class, p::close);
        assertTrue(running.getMessage().startsWith("Cannot close a process while it is still running"));
        assertTrue(p.isAlive());

        p.terminate();
        p.join();
        p.close();
        assertEquals("process object is closed", assertThrows(IllegalStateException.class, p::isAlive).getMessage());
        assertThrows(IllegalStateException.class, p::join);
        assertThrows(IllegalStateException.class, p::terminate);
        assertThrows(IllegalStateException.class, p::sentinel);
        assertThrows(IllegalStateException.class, p::start);
        p.close();
        assertEquals(-15, p.exitCode(), "a closed process keeps the exit code it ended with");
        assertTrue(p.toString().contains("closed"), p.toString());
    }

    @Test
    void closeBeforeStartClosesTheObject() {
        Process p = new Process(() -> { });
        p.close();
        assertThrows(IllegalStateException.class, p::start);
    }

    @Test
    void sentinelIsPendingWhileRunningAndCompletesWithTheExitCode() throws Exception {
        Process p = new Process(() -> ChildIO.sleep(300));
        p.start();
        CompletableFuture<Integer> sentinel = p.sentinel();
        assertFalse(sentinel.isDone());
        assertEquals(0, sentinel.get(30, TimeUnit.SECONDS));
        p.join();
        assertTrue(sentinel.complete(99) || sentinel.isDone());
        assertEquals(0, p.exitCode(), "completing the returned copy does not change the process");
    }

    @Test
    void activeChildrenTracksStartAndJoin() throws Exception {
        Process p = new Process(ChildIO::sleepLong);
        assertFalse(Process.activeChildren().contains(p));
        p.start();
        assertTrue(Process.activeChildren().contains(p));
        p.terminate();
        p.join();
        assertFalse(Process.activeChildren().contains(p));
    }

    @Test
    void cpuCountIsAtLeastOne() {
        assertTrue(Process.cpuCount() >= 1);
    }

    @Test
    void theParentDropsTheTargetOnceStarted() throws Exception {
        Process p = new Process(() -> { });
        p.start();
        java.lang.reflect.Field target = Process.class.getDeclaredField("target");
        target.setAccessible(true);
        assertNull(target.get(p));
        p.join();
    }

    @Test
    void aFinishedProcessStaysFinished() throws Exception {
        Process p = new Process(() -> { });
        p.start();
        p.join();
        p.terminate();
        p.kill();
        assertTrue(p.join(Duration.ZERO));
        assertEquals(0, p.exitCode());
        assertFalse(p.isAlive());
        assertTrue(p.toString().contains("stopped exitcode=0"), p.toString());
    }

    @Test
    void unserializableTargetFailsAtStartAndStartsNothing() {
        Object notSerializable = new Object();
        Process p = new Process(() -> System.out.println(notSerializable));
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, p::start);
        assertTrue(e.getMessage().contains("cannot serialize process") && e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertNull(p.pid());
        assertFalse(Process.activeChildren().contains(p));
    }
}

package dev.pyconcurrent.process.pool;

import static dev.pyconcurrent.process.pool.PoolTasks.TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;

/**
 * Shutdown semantics. Ports {@code test_shutdown.py::ExecutorShutdownTest}: {@code test_run_after_shutdown},
 * {@code test_interpreter_shutdown} (a child JVM), {@code test_hang_issue12364}, {@code test_cancel_futures}
 * (2 workers, 30 tasks instead of 5 and 50), {@code test_hang_gh94440}; {@code ProcessPoolShutdownTest}:
 * {@code test_processes_terminate}, {@code test_context_manager_shutdown}, {@code test_shutdown_no_wait}; and from
 * {@code test_process_pool.py}: {@code test_force_shutdown_workers} (terminate and kill),
 * {@code test_force_shutdown_workers_dead_workers}, {@code test_force_shutdown_workers_not_started_yet},
 * {@code test_force_shutdown_workers_stops_pool}, {@code test_terminate_workers} and {@code test_kill_workers} (as
 * the signal that ended the worker), {@code test_force_shutdown_during_max_tasks_worker_exit} (main),
 * {@code test_shutdown_race_issue12456} (executor.py).
 */
@Timeout(60)
class ProcessPoolShutdownTest {

    @Test
    void submitAfterShutdownIsRefused() { // test_run_after_shutdown
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        pool.shutdown();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.submit(PoolTasks.SQUARE, 2));
        assertTrue(e.getMessage().contains("after shutdown"), e.getMessage());
    }

    @Test
    void shutdownAfterManyQuickTasksLeavesEveryResult() { // test_hang_issue12364
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fs.add(pool.submit(PoolTasks.SLEEP_MS, i % 3));
        }
        pool.shutdown();
        for (int i = 0; i < 50; i++) {
            assertEquals(i % 3, fs.get(i).result(TIMEOUT));
        }
    }

    @Test
    void shutdownWithCancelFuturesCancelsWhatHasNotStarted() { // test_cancel_futures
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fs.add(pool.submit(PoolTasks.SLEEP_MS, 100));
        }
        pool.shutdown(true, true);
        long cancelled = fs.stream().filter(Future::cancelled).count();
        long completed = fs.stream().filter(f -> !f.cancelled()).count();
        assertTrue(cancelled > 20, "cancelled " + cancelled);
        assertTrue(completed >= 1, "completed " + completed);
        for (Future<Integer> f : fs) {
            if (!f.cancelled()) {
                assertTrue(f.done());
                assertNull(f.exception());
            }
        }
    }

    @Test
    void cancelThenShutdownWaitReturns() { // test_hang_gh94440
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        Future<Integer> f = pool.submit(PoolTasks.SQUARE, 3);
        f.cancel();
        assertTimeoutPreemptively(() -> pool.shutdown(true, false));
    }

    @Test
    void workersStartOnDemandAndAllExitAfterShutdown() { // test_processes_terminate (spawn: on demand)
        ProcessPoolExecutor pool = new ProcessPoolExecutor(3);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fs.add(pool.submit(PoolTasks.SLEEP_MS, 300));
        }
        assertEquals(3, pool.workerPids().size());
        List<Long> pids = pool.workerPids();
        for (Future<Integer> f : fs) {
            f.result(TIMEOUT);
        }
        pool.shutdown();
        assertAllDead(pids);
    }

    @Test
    void closingThePoolJoinsItsWorkers() { // test_context_manager_shutdown
        List<Long> pids;
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            assertEquals(4, pool.submit(PoolTasks.SQUARE, 2).result(TIMEOUT));
            pids = pool.workerPids();
        }
        assertAllDead(pids);
    }

    @Test
    void shutdownWithoutWaitStillFinishesTheWorkAndEndsTheWorkers() { // test_shutdown_no_wait
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(pool.submit(PoolTasks.SLEEP_MS, 50));
        }
        List<Long> pids = pool.workerPids();
        pool.shutdown(false, false);
        for (Future<Integer> f : fs) {
            assertEquals(50, f.result(TIMEOUT));
        }
        await().atMost(TIMEOUT).until(() -> pool.workerPids().isEmpty());
        assertAllDead(pids);
    }

    @Test
    void shutdownWithUnconsumedMapDoesNotHang() { // test_shutdown_race_issue12456
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        pool.map(PoolTasks.SQUARE, List.of(2, 2, 2));
        assertTimeoutPreemptively(pool::shutdown);
    }

    @Test
    void jvmExitWaitsForQueuedWork() throws Exception { // test_interpreter_shutdown
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitWithoutShutdownMain.class.getName()).start();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the JVM exited");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), err);
        assertTrue(out.contains("apple"), "stdout: " + out);
        assertEquals("", err.strip());
    }

    @Test
    void sigtermEndsTheJvmWhileAWorkerHangsBeforeConnecting() throws Exception {
        // The exit hook shuts the pool down and joins its manager, which waits for the pending call; a worker that
        // never connects must end that wait (workerStartTimeout), or SIGTERM would hang the JVM.
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HungWorkerExitMain.class.getName(), "1000").redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); !"submitted".equals(line); line = out.readLine()) {
                assertTrue(line != null, "the child ended before submitting");
            }
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the JVM exited after SIGTERM");
        } finally {
            child.destroyForcibly();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void forceShutdownStopsTheRunningCall(boolean kill) { // test_force_shutdown_workers
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        long pid = pool.submit(PoolTasks.PID).result(TIMEOUT);
        Future<Integer> running = pool.submit(PoolTasks.SLEEP_MS, 30_000);
        await().atMost(TIMEOUT).until(running::running);
        if (kill) {
            pool.killWorkers();
        } else {
            pool.terminateWorkers();
        }
        assertAllDead(List.of(pid));
        Throwable e = assertThrows(ExecutionFailedException.class, () -> running.result(TIMEOUT)).getCause();
        assertInstanceOf(BrokenProcessPoolException.class, e);
        assertTrue(e.getMessage().contains("forcefully shut down"), e.getMessage());
        // test_terminate_workers / test_kill_workers: terminate means SIGTERM, kill means SIGKILL
        TerminatedWorkerException death = assertInstanceOf(TerminatedWorkerException.class, e);
        assertEquals(kill ? 9 : 15, death.signal(), death.getMessage());
    }

    @Test
    void aWorkerRetiringDuringAForcedShutdownIsNotReplacedAndPendingCallsFail() {
        // test_force_shutdown_during_max_tasks_worker_exit (CPython main): the only worker retires after its one
        // task just as terminateWorkers() runs; the call queued behind it must fail, not run on a replacement.
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(1).build();
        Future<Integer> first = pool.submit(PoolTasks.SQUARE, 3);
        Future<Integer> queued = pool.submit(PoolTasks.SQUARE, 4);
        assertEquals(9, first.result(TIMEOUT));
        pool.terminateWorkers();
        Throwable e = assertThrows(ExecutionFailedException.class, () -> queued.result(TIMEOUT)).getCause();
        assertInstanceOf(BrokenProcessPoolException.class, e);
        assertTrue(e.getMessage().contains("forcefully shut down"), e.getMessage());
        await().atMost(TIMEOUT).until(() -> pool.workerPids().isEmpty());
    }

    @Test
    void forceShutdownOfDeadWorkersDoesNotRaise() { // test_force_shutdown_workers_dead_workers
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        Future<Object> f = pool.submit(() -> {
            System.exit(1);
            return null;
        });
        assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT));
        assertDoesNotThrow(pool::terminateWorkers);
        assertDoesNotThrow(pool::killWorkers);
    }

    @Test
    void forceShutdownBeforeAnyWorkerIsANoOp() { // test_force_shutdown_workers_not_started_yet
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        assertDoesNotThrow(pool::terminateWorkers);
        assertDoesNotThrow(pool::killWorkers);
        assertTrue(pool.workerPids().isEmpty());
    }

    @Test
    void forceShutdownStopsThePool() { // test_force_shutdown_workers_stops_pool
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        long pid = pool.submit(PoolTasks.PID).result(TIMEOUT);
        pool.terminateWorkers();
        assertThrows(RuntimeException.class, () -> pool.submit(PoolTasks.SQUARE, 2));
        assertAllDead(List.of(pid));
        assertFalse(pool.workerPids().contains(pid) && ProcessHandle.of(pid).isPresent()
                && ProcessHandle.of(pid).get().isAlive());
    }

    private static void assertAllDead(List<Long> pids) {
        await().atMost(TIMEOUT).until(() -> pids.stream()
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }

    private static void assertTimeoutPreemptively(Runnable action) {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), action::run);
    }
}

package dev.pyconcurrent.process.mppool;

import static dev.pyconcurrent.process.mppool.MpTasks.SQR;
import static dev.pyconcurrent.process.mppool.MpTasks.TIMEOUT;
import static dev.pyconcurrent.process.mppool.ProcessPoolTest.range;
import static dev.pyconcurrent.process.mppool.ProcessPoolTest.squares;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.AsyncResult;
import dev.pyconcurrent.futures.pool.IMapIterator;
import dev.pyconcurrent.futures.pool.PoolState;
import dev.pyconcurrent.process.spawn.ChildJvm;
import dev.pyconcurrent.process.spawn.ChildJvmLauncher;

/**
 * The life cycle of a {@link ProcessPool}: size checks, {@code shutdown()} (CPython's {@code close()}),
 * {@code terminate()}, {@code join()}, try-with-resources, and a constructor that fails half-way. Every test owns
 * its pool. Ports CPython's {@code _TestPool::test_make_pool}, {@code test_terminate}, {@code test_context},
 * {@code test_map_no_failfast}, {@code test_enter} (as "a terminated pool refuses work": Java has no
 * {@code __enter__}), {@code TestPoolNotLeakOnFailure::test_release_unused_processes},
 * {@code _TestPoolWorkerLifetime::test_worker_finalization_via_atexit_handler_of_multiprocessing} (a pool never
 * closed does not hold up JVM exit, and its workers go too), {@code TestStdinBadfiledescriptor::test_pool_in_process}
 * and 2.7's {@code join()} in RUN. Plus: {@code terminate()} cancels what has not finished (CPython leaves it waiting) and kills the workers.
 */
@Timeout(60)
class ProcessPoolLifecycleTest {

    @Test
    void poolSizeIsValidatedAndThreeMeansThreeWorkers() { // test_make_pool
        assertThrows(IllegalArgumentException.class, () -> new ProcessPool(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProcessPool(0));
        assertTrue(e.getMessage().contains("Number of processes must be at least 1"), e.getMessage());
        try (ProcessPool three = new ProcessPool(3)) {
            assertEquals(3, three.processes());
            assertEquals(3, three.workerPids().size());
            assertEquals(squares(6), three.map(SQR, range(6)));
        }
    }

    @Test
    void terminateDuringALongMapReturnsPromptlyAndJoinCompletes() { // test_terminate
        ProcessPool pool = new ProcessPool(2);
        AsyncResult<List<Integer>> r = pool.mapAsync(MpTasks.sqrAfter(100), range(10_000), 1, null, null);
        long t0 = System.nanoTime();
        pool.terminate();
        assertTrue(pool.join(Duration.ofSeconds(10)));
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        assertThrows(CancelledException.class, () -> r.get(TIMEOUT)); // Java: nothing hangs after terminate()
        assertTrue(pool.workerPids().isEmpty(), "every worker JVM is gone: " + pool.workerPids());
    }

    @Test
    void terminateKillsBusyWorkersAndCancelsTheirJobs() {
        ProcessPool pool = new ProcessPool(1);
        AsyncResult<Integer> running = pool.applyAsync(MpTasks.sqrAfter(30_000), 2);
        IMapIterator<Integer> queued = pool.imap(SQR, range(5));
        List<Long> pids = pool.workerPids();
        pool.terminate();
        assertThrows(CancelledException.class, () -> running.get(TIMEOUT));
        assertThrows(CancelledException.class, () -> queued.next(TIMEOUT));
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " alive");
        }
        pool.terminate(); // idempotent
        assertEquals(PoolState.TERMINATE, pool.state());
    }

    @Test
    void tryWithResourcesTerminatesThePool() { // test_context
        ProcessPool p;
        try (ProcessPool inner = new ProcessPool(2)) {
            p = inner;
            assertEquals(squares(10), inner.mapAsync(SQR, range(10)).get(TIMEOUT));
        }
        assertEquals(PoolState.TERMINATE, p.state());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.mapAsync(SQR, range(10)));
        assertTrue(e.getMessage().contains("Pool not running"), e.getMessage());
    }

    @Test
    void aTerminatedPoolRefusesWork() { // test_enter
        ProcessPool pool = new ProcessPool(1);
        pool.terminate();
        assertThrows(IllegalStateException.class, () -> pool.apply(SQR, 1));
        assertThrows(IllegalStateException.class, () -> pool.imap(SQR, range(3)));
        assertThrows(IllegalStateException.class, () -> pool.applyAsync(SQR, 3));
    }

    @Test
    void failedMapStillWaitsForTheOtherChunksBeforeJoin() { // test_map_no_failfast
        ProcessPool pool = new ProcessPool(2);
        try {
            long t0 = System.nanoTime();
            SerializableFunction<Integer, Integer> f = i -> {
                if (i == 0) {
                    throw new IllegalStateException("first chunk fails");
                }
                MpTasks.sleep(300);
                return i;
            };
            assertThrows(ExecutionFailedException.class, () -> pool.map(f, range(4), 1));
            pool.shutdown();
            assertTrue(pool.join(Duration.ofSeconds(20)));
            assertTrue(System.nanoTime() - t0 >= 290_000_000L, "map returned before every chunk came back");
        } finally {
            pool.terminate();
        }
    }

    @Test
    void joinWhileRunningIsRefused() { // 2.7: join() in RUN
        try (ProcessPool pool = new ProcessPool(1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, pool::join);
            assertTrue(e.getMessage().contains("Pool is still running"));
        }
    }

    @Test
    void shutdownRunsQueuedWorkThenWorkersExitAndJoinReturns() {
        ProcessPool pool = new ProcessPool(2);
        List<Long> pids = pool.workerPids();
        AsyncResult<List<Integer>> r = pool.mapAsync(MpTasks.sqrAfter(5), range(100), 5, null, null);
        IMapIterator<Integer> it = pool.imap(SQR, range(30));
        pool.shutdown();
        assertEquals(PoolState.CLOSE, pool.state());
        assertThrows(IllegalStateException.class, () -> pool.apply(SQR, 1));
        assertTrue(pool.join(TIMEOUT));
        assertEquals(squares(100), r.get(Duration.ZERO));
        assertEquals(squares(30), ProcessPoolTest.drain(it));
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " alive");
        }
        pool.terminate();
        assertEquals(PoolState.TERMINATE, pool.state());
    }

    @Test
    void aPoolNeverClosedDoesNotHoldUpJvmExit() throws Exception {
        // test_worker_finalization_via_atexit_handler_of_multiprocessing: daemon threads, daemonic workers
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                PoolLeftOpenMain.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            line = out.readLine();
            while (line != null && !line.startsWith("worker pids: ")) {
                line = out.readLine(); // logback's status lines come first
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the JVM exited");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue());
        assertTrue(line != null && line.startsWith("worker pids: "), String.valueOf(line));
        for (String pid : line.substring("worker pids: ".length()).split(" ")) {
            Awaitility.await().atMost(TIMEOUT).until(() -> !ProcessHandle.of(Long.parseLong(pid))
                    .map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void aPoolCanBeCreatedInsideAChildProcess() throws Exception { // test_pool_in_process
        dev.pyconcurrent.process.Process child = new dev.pyconcurrent.process.Process(() -> {
            try (ProcessPool inner = new ProcessPool(1)) {
                if (inner.apply(SQR, 3) != 9) {
                    System.exit(3);
                }
            }
        });
        child.start();
        assertTrue(child.join(TIMEOUT), "the child finished");
        assertEquals(0, child.exitCode());
    }

    @Test
    void aWorkerThatCannotStartTerminatesTheStartedOnesAndTheErrorPropagates() { // test_release_unused_processes
        AtomicInteger starts = new AtomicInteger();
        List<ChildJvm> started = new ArrayList<>();
        ProcessPoolBuilder builder = ProcessPool.builder().processes(5).launcher((payload, options, name) -> {
            if (starts.incrementAndGet() == 4) {
                throw new IOException("Manually induced OSError");
            }
            ChildJvm child = ChildJvmLauncher.launch(payload, options, name);
            started.add(child);
            return child;
        });
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, builder::build);
        assertEquals("Manually induced OSError", e.getCause().getMessage());
        assertEquals(3, started.size());
        for (ChildJvm child : started) {
            assertFalse(child.isAlive(), child + " was left running");
        }
    }
}

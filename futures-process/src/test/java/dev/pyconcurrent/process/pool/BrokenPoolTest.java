package dev.pyconcurrent.process.pool;

import static dev.pyconcurrent.process.pool.PoolTasks.TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.MapIterator;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.ipc.serialization.SerializationException;

/**
 * How a pool breaks, and that it never hangs while doing so. Ports {@code test_process_pool.py}:
 * {@code test_killed_child}, {@code test_broken_process_pool_traceback} (main: one instance per future),
 * {@code test_traceback_when_child_process_terminates_abruptly} (gh-139462); and {@code test_deadlock.py}:
 * {@code test_shutdown_deadlock}, {@code test_shutdown_deadlock_pickle}, {@code test_crash_big_data},
 * {@code test_gh105829_should_not_deadlock_if_wakeup_pipe_full} (wakeups are coalesced and never block; the case's
 * delayed manager start is not reproduced).
 */
@Timeout(60)
class BrokenPoolTest {

    @Test
    void killedWorkerBreaksThePoolAndLaterSubmitsFail() { // test_killed_child
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long pid = pool.submit(PoolTasks.PID).result(TIMEOUT);
            Future<Integer> running = pool.submit(PoolTasks.SLEEP_MS, 30_000);
            await().atMost(TIMEOUT).until(running::running);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            Throwable e = assertThrows(ExecutionFailedException.class, () -> running.result(TIMEOUT)).getCause();
            TerminatedWorkerException dead = assertInstanceOf(TerminatedWorkerException.class, e);
            assertEquals(-9, dead.exitCode());
            assertEquals(9, dead.signal());
            assertEquals(pid, dead.pid());
            assertThrows(BrokenProcessPoolException.class, () -> pool.submit(PoolTasks.SQUARE, 2));
        }
    }

    @Test
    void everyStrandedFutureGetsItsOwnException() { // test_broken_process_pool_traceback (gh-101267)
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            SerializableCallable<Object> dieSoon = () -> {
                PoolTasks.sleep(200);
                PoolTasks.killSelf();
                return null;
            };
            List<Future<?>> futures = new ArrayList<>();
            futures.add(pool.submit(dieSoon));
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(PoolTasks.SLEEP_MS, 10));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<?> f : futures) {
                failures.add(assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT)).getCause());
            }
            for (int i = 0; i < failures.size(); i++) {
                assertInstanceOf(BrokenProcessPoolException.class, failures.get(i));
                for (int j = i + 1; j < failures.size(); j++) {
                    assertNotSame(failures.get(i), failures.get(j));
                }
            }
        }
    }

    @Test
    void abruptExitNamesTheExitCode() { // test_traceback_when_child_process_terminates_abruptly
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            Future<Object> f = pool.submit(() -> {
                System.exit(99);
                return null;
            });
            Throwable e = assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT)).getCause();
            assertTrue(e.getMessage().contains("terminated abruptly with exit code 99"), e.getMessage());
            assertInstanceOf(RemoteTraceback.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("exit code 99"), e.getCause().getMessage());
        }
    }

    @Test
    void workerCrashDuringShutdownWaitStillReturns() { // test_shutdown_deadlock
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        SerializableCallable<Object> crashLater = () -> {
            PoolTasks.sleep(300);
            PoolTasks.killSelf();
            return null;
        };
        Future<Object> f = pool.submit(crashLater);
        await().atMost(TIMEOUT).until(f::running);
        pool.shutdown(true, false); // must return although the worker dies while we wait
        Throwable e = assertThrows(ExecutionFailedException.class, () -> f.result(Duration.ZERO)).getCause();
        assertInstanceOf(BrokenProcessPoolException.class, e);
    }

    @Test
    void serializationFailureAfterShutdownNoWaitStillFailsTheFuture() { // test_shutdown_deadlock_pickle
        ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
        Future<Integer> slow = pool.submit(PoolTasks.SLEEP_MS, 200);
        SerializableFunction<Object, Object> same = x -> x;
        Future<Object> bad = pool.submit(same, new Object());
        pool.shutdown(false, false);
        Throwable e = assertThrows(ExecutionFailedException.class, () -> bad.result(TIMEOUT)).getCause();
        assertInstanceOf(SerializationException.class, e);
        assertEquals(200, slow.result(TIMEOUT));
        await().atMost(TIMEOUT).until(() -> pool.workerPids().isEmpty()); // the manager still ran the shutdown
    }

    @Test
    void crashWhileBigArgumentsAreInFlightDoesNotHang() { // test_crash_big_data (gh-94777)
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            byte[] data = new byte[4 << 20];
            SerializableFunction<byte[], Integer> crash = d -> {
                PoolTasks.killSelf();
                return d.length;
            };
            MapIterator<Integer> it = pool.map(crash, Collections.nCopies(10, data), MapOptions.defaults());
            Throwable e = assertThrows(ExecutionFailedException.class, it::next).getCause();
            assertInstanceOf(BrokenProcessPoolException.class, e);
        }
    }

    @Test
    void workerThatCannotStartBreaksThePoolEvenInReplaceMode() { // no endless respawning (cf. gh "could not be started")
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).replaceCrashedWorkers(true)
                .jvmOptions(List.of("-XX:+NoSuchOptionForThisTest")).build()) {
            Future<Integer> f = pool.submit(PoolTasks.SQUARE, 2);
            Throwable e = assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT)).getCause();
            assertInstanceOf(BrokenProcessPoolException.class, e);
            assertTrue(e.getMessage().contains("could not be started"), e.getMessage());
            assertTrue(pool.isBroken());
        }
    }

    /** A JVM option that suspends the worker JVM before main until a debugger attaches: it never connects. */
    private static final String HANG_BEFORE_CONNECTING =
            "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0";

    @Test
    void workerThatNeverConnectsBreaksThePoolAfterTheStartTimeout() {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1)
                .workerStartTimeout(Duration.ofMillis(500)).jvmOptions(List.of(HANG_BEFORE_CONNECTING)).build()) {
            Future<Integer> f = pool.submit(PoolTasks.SQUARE, 2);
            Throwable e = assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT)).getCause();
            assertInstanceOf(BrokenProcessPoolException.class, e);
            assertTrue(e.getMessage().contains("could not be started"), e.getMessage());
            assertTrue(String.valueOf(e.getCause()).contains("workerStartTimeout"), String.valueOf(e.getCause()));
            assertTrue(pool.isBroken());
        }
    }

    @Test
    @Timeout(30)
    void closeWithPendingWorkReturnsWhileAWorkerHangsBeforeConnecting() {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1)
                .workerStartTimeout(Duration.ofMillis(500)).jvmOptions(List.of(HANG_BEFORE_CONNECTING)).build();
        Future<Integer> f = pool.submit(PoolTasks.SQUARE, 2);
        pool.close(); // used to wait forever: the manager for the call, the channel for the connection
        assertTrue(f.done());
        assertInstanceOf(BrokenProcessPoolException.class,
                assertThrows(ExecutionFailedException.class, () -> f.result(Duration.ZERO)).getCause());
        assertTrue(pool.workerPids().isEmpty(), "the hung worker was killed");
    }

    @Test
    @Timeout(30)
    void closeWithPendingWorkReturnsWhenTheWorkerExitsBeforeConnecting() {
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(2)
                .jvmOptions(List.of("-XX:+NoSuchOptionForThisTest")).build();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            try {
                fs.add(pool.submit(PoolTasks.SQUARE, i));
            } catch (BrokenProcessPoolException alreadyBroken) {
                break; // the worker died before this submit: the pool refuses it, as CPython's does
            }
        }
        assertFalse(fs.isEmpty(), "the first submit starts the worker, so it cannot see a broken pool");
        pool.close();
        for (Future<Integer> f : fs) {
            assertInstanceOf(BrokenProcessPoolException.class,
                    assertThrows(ExecutionFailedException.class, () -> f.result(Duration.ZERO)).getCause());
        }
        assertTrue(pool.isBroken());
    }

    @Test
    void manySubmitsInABurstAllComplete() { // test_gh105829_should_not_deadlock_if_wakeup_pipe_full
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fs.add(pool.submit(PoolTasks.PLUS_ONE, i));
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(i + 1, fs.get(i).result(TIMEOUT));
            }
        }
    }
}

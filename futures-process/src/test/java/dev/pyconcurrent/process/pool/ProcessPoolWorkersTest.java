package dev.pyconcurrent.process.pool;

import static dev.pyconcurrent.process.pool.PoolTasks.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.pyconcurrent.futures.Future;

/**
 * How many workers a pool starts and when it replaces them. Ports {@code test_process_pool.py}:
 * {@code test_saturation}, {@code test_idle_process_reuse_one}, {@code test_idle_process_reuse_multiple},
 * {@code test_max_tasks_per_child}, {@code test_max_tasks_per_child_pending_tasks_gh115634},
 * {@code test_max_tasks_early_shutdown}, {@code test_shutdown_no_wait_max_tasks_gh119592} (the part without garbage
 * collection), {@code test_shutdown.py::ProcessPoolShutdownTest::test_shutdown_gh_132969_case_1/_case_2}, and the
 * {@code max_tasks_per_child <= 0} check of the constructor.
 */
@Timeout(60)
class ProcessPoolWorkersTest {

    @Test
    void neverMoreWorkersThanMaxWorkers() { // test_saturation
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(2)) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 15 * 2; i++) {
                fs.add(pool.submit(PoolTasks.SLEEP_MS, 20));
            }
            assertEquals(2, pool.workerPids().size());
            for (Future<Integer> f : fs) {
                f.result(TIMEOUT);
            }
            assertEquals(2, pool.workerPids().size());
        }
    }

    @Test
    void sequentialCallsReuseOneIdleWorker() { // test_idle_process_reuse_one
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(3)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(i * i, pool.submit(PoolTasks.SQUARE, i).result(TIMEOUT));
            }
            assertEquals(1, pool.workerPids().size());
        }
    }

    @Test
    void interleavedCallsNeedAtMostThreeWorkers() { // test_idle_process_reuse_multiple
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(3)) {
            pool.submit(PoolTasks.SQUARE, 12).result(TIMEOUT);
            pool.submit(PoolTasks.SQUARE, 0).result(TIMEOUT);
            pool.submit(PoolTasks.SQUARE, 11).result(TIMEOUT);
            pool.submit(PoolTasks.SQUARE, 1);
            pool.submit(PoolTasks.SQUARE, 2);
            pool.submit(PoolTasks.SQUARE, 3).result(TIMEOUT);
            assertTrue(pool.workerPids().size() <= 3, "workers: " + pool.workerPids());
        }
    }

    @Test
    void maxTasksPerChildReplacesTheWorker() { // test_max_tasks_per_child
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(3).build()) {
            long first = pool.submit(PoolTasks.PID).result(TIMEOUT);
            assertEquals(first, pool.submit(PoolTasks.PID).result(TIMEOUT));
            assertEquals(first, pool.submit(PoolTasks.PID).result(TIMEOUT));
            long fourth = pool.submit(PoolTasks.PID).result(TIMEOUT);
            assertNotEquals(first, fourth, "the fourth call ran in a new worker");
            assertEquals(1, pool.workerPids().size());
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 2, 6", "2, 2, 8"})
    void retiringWorkersDoNotStrandPendingCalls(int workers, int tasksPerChild, int calls) { // gh-115634
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(workers)
                .maxTasksPerChild(tasksPerChild).build()) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                fs.add(pool.submit(PoolTasks.SQUARE, i));
            }
            for (int i = 0; i < calls; i++) {
                assertEquals(i * i, fs.get(i).result(TIMEOUT));
            }
        }
    }

    @Test
    void immediateShutdownWithMaxTasksPerChildStillRunsEverything() { // test_max_tasks_early_shutdown
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(3).maxTasksPerChild(1).build();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(pool.submit(PoolTasks.SQUARE, i));
        }
        pool.shutdown();
        for (int i = 0; i < 6; i++) {
            assertEquals(i * i, fs.get(i).result(TIMEOUT));
        }
    }

    @Test
    void retiringWorkerIsReplacedAfterShutdownWithoutWait() { // test_shutdown_no_wait_max_tasks_gh119592
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(1).build();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fs.add(pool.submit(PoolTasks.SQUARE, i));
        }
        pool.shutdown(false, false);
        for (int i = 0; i < 3; i++) {
            assertEquals(i * i, fs.get(i).result(TIMEOUT));
        }
    }

    @ParameterizedTest
    @CsvSource({"2", "4"})
    void failingCallWithMaxTasksPerChildThenShutdownNoWaitEndsCleanly(int workers) { // gh-132969 cases 1 and 2
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(workers).maxTasksPerChild(1).build();
        Future<Object> failing = pool.submit(() -> {
            throw new IllegalStateException("fails");
        });
        pool.shutdown(false, false);
        assertThrows(dev.pyconcurrent.futures.ExecutionFailedException.class, () -> failing.result(TIMEOUT));
        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> pool.workerPids().isEmpty());
        assertTrue(!pool.isBroken(), "no internal error broke the pool");
    }

    @Test
    void nonPositiveMaxTasksPerChildIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessPoolExecutor.builder().maxTasksPerChild(0));
        assertTrue(e.getMessage().contains("maxTasksPerChild must be >= 1"), e.getMessage());
    }
}

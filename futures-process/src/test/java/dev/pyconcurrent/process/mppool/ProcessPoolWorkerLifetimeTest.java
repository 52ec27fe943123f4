package dev.pyconcurrent.process.mppool;

import static dev.pyconcurrent.process.mppool.MpTasks.SQR;
import static dev.pyconcurrent.process.mppool.MpTasks.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.pool.AsyncResult;

/**
 * {@code maxtasksperchild}: workers retire after that many tasks and the worker handler replaces them. Ports CPython's
 * {@code _TestPoolWorkerLifetime::test_pool_worker_lifetime}, {@code test_pool_worker_lifetime_early_close} and
 * {@code test_pool_maxtasksperchild_invalid} (0 and -1; CPython's 0.5 and "12" do not compile in Java).
 */
@Timeout(90)
class ProcessPoolWorkerLifetimeTest {

    @Test
    void workersAreReplacedAfterMaxTasksAndResultsStayCorrect() { // test_pool_worker_lifetime
        try (ProcessPool pool = ProcessPool.builder().processes(3).maxTasksPerChild(10).build()) {
            assertEquals(3, pool.workerPids().size());
            List<Long> original = pool.workerPids();
            List<AsyncResult<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                results.add(pool.applyAsync(SQR, i));
            }
            for (int i = 0; i < 60; i++) {
                assertEquals(i * i, results.get(i).get(TIMEOUT));
            }
            // Workers are replaced on the worker handler's thread: wait until the pool is whole again.
            Awaitility.await().atMost(TIMEOUT).until(() -> pool.workerPids().size() == 3);
            List<Long> now = pool.workerPids();
            assertTrue(now.stream().allMatch(pid -> pid > 0), "no worker without a pid: " + now);
            Set<Long> kept = new HashSet<>(now);
            kept.retainAll(original);
            assertTrue(kept.isEmpty(), "every original worker retired: " + original + " -> " + now);
        }
    }

    @Test
    void closingBeforeRetiringWorkersFinishDoesNotHangJoin() { // test_pool_worker_lifetime_early_close
        ProcessPool pool = ProcessPool.builder().processes(1).maxTasksPerChild(1).build();
        try {
            List<AsyncResult<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.applyAsync(MpTasks.sqrAfter(30), i));
            }
            pool.shutdown();
            assertTrue(pool.join(TIMEOUT), "join() returned");
            for (int i = 0; i < 6; i++) {
                assertEquals(i * i, results.get(i).get(Duration.ZERO));
            }
        } finally {
            pool.terminate();
        }
    }

    @Test
    void eachTaskOfAOneTaskWorkerRunsInAFreshProcess() {
        try (ProcessPool pool = ProcessPool.builder().processes(1).maxTasksPerChild(1).build()) {
            long first = pool.apply(MpTasks.PID);
            long second = pool.apply(MpTasks.PID);
            assertNotEquals(first, second);
        }
    }

    @Test
    void maxTasksPerChildMustBePositive() { // test_pool_maxtasksperchild_invalid
        for (int invalid : new int[] {0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ProcessPool.builder().maxTasksPerChild(invalid));
            assertTrue(e.getMessage().startsWith("maxtasksperchild must be a positive int or None"), e.getMessage());
        }
    }
}

package dev.pyconcurrent.process.pool;

import static dev.pyconcurrent.process.pool.PoolTasks.TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.function.SerializableCallable;

/**
 * Specs of {@code callsPerWorker(2)}: the next call waits in a busy worker's socket (Java-only, opt-in; CPython's
 * workers take one call at a time from the shared call queue, which is the default here too).
 */
@Timeout(60)
class CallsPerWorkerTest {

    private static ProcessPoolExecutorBuilder twoPerWorker() {
        return ProcessPoolExecutor.builder().callsPerWorker(2);
    }

    @Test
    void callsPerWorkerAcceptsOnlyOneOrTwo() {
        assertThrows(IllegalArgumentException.class, () -> ProcessPoolExecutor.builder().callsPerWorker(0));
        assertThrows(IllegalArgumentException.class, () -> ProcessPoolExecutor.builder().callsPerWorker(3));
    }

    @Test
    void everyResultArrivesInItsOwnFutureWithTwoCallsPerWorker() {
        try (ProcessPoolExecutor pool = twoPerWorker().maxWorkers(2).build()) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                fs.add(pool.submit(PoolTasks.SQUARE, i));
            }
            for (int i = 0; i < 500; i++) {
                assertEquals(i * i, fs.get(i).result(TIMEOUT));
            }
            List<Integer> mapped = new ArrayList<>();
            pool.map(PoolTasks.SQUARE, List.of(1, 2, 3, 4, 5, 6, 7)).forEachRemaining(mapped::add);
            assertEquals(List.of(1, 4, 9, 16, 25, 36, 49), mapped);
        }
    }

    @Test
    void nextCallIsSentWhileTheWorkerStillRunsTheCurrentOne() {
        Map<Long, Long> takenBy = new ConcurrentHashMap<>();
        try (ProcessPoolExecutor pool = twoPerWorker().maxWorkers(1).trace(new PoolTrace() {
            @Override
            public void takenByWorker(long workId, long pid) {
                takenBy.put(workId, pid);
            }
        }).build()) {
            Future<Integer> first = pool.submit(PoolTasks.SLEEP_MS, 300);
            // Both queue up while the worker runs `first`; when it finishes, `slow` is sent and `next` right after.
            Future<Integer> slow = pool.submit(PoolTasks.SLEEP_MS, 400);
            Future<Integer> next = pool.submit(PoolTasks.SQUARE, 3);
            await().atMost(TIMEOUT).until(() -> takenBy.size() == 3);
            assertFalse(slow.done(), "the next call was sent before the running one finished");
            assertEquals(300, first.result(TIMEOUT));
            assertEquals(400, slow.result(TIMEOUT));
            assertEquals(9, next.result(TIMEOUT));
        }
    }

    @Test
    void cancelTrueOfASentButNotStartedCallStopsItByKillingItsWorkerWhenItStarts() {
        Map<Long, Long> takenBy = new ConcurrentHashMap<>();
        try (ProcessPoolExecutor pool = twoPerWorker().maxWorkers(1).trace(new PoolTrace() {
            @Override
            public void takenByWorker(long workId, long pid) {
                takenBy.put(workId, pid);
            }
        }).build()) {
            long pid = pool.submit(PoolTasks.PID).result(TIMEOUT);
            Future<Integer> first = pool.submit(PoolTasks.SLEEP_MS, 300);
            // Both queue up while the worker runs `first`; when it finishes, `slow` is sent and `sent` right after.
            Future<Integer> slow = pool.submit(PoolTasks.SLEEP_MS, 400);
            Future<Integer> sent = pool.submit(PoolTasks.SQUARE, 5);
            await().atMost(TIMEOUT).until(() -> takenBy.size() == 4);
            assertFalse(slow.done());

            assertTrue(sent.cancel(true));

            assertThrows(CancelledException.class, sent::result);
            assertEquals(300, first.result(TIMEOUT));
            assertEquals(400, slow.result(TIMEOUT), "the call that was running finished");
            assertNotEquals(pid, pool.submit(PoolTasks.PID).result(TIMEOUT), "its worker was replaced");
            assertFalse(pool.isBroken());
        }
    }

    @Test
    void callWaitingInACrashedWorkerIsRetriedWhenCrashedWorkersAreReplaced() {
        try (ProcessPoolExecutor pool = twoPerWorker().maxWorkers(1).replaceCrashedWorkers(true).build()) {
            SerializableCallable<Object> crash = () -> {
                PoolTasks.killSelf();
                return null;
            };
            Future<Object> crashing = pool.submit(crash);
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                others.add(pool.submit(PoolTasks.SQUARE, i));
            }
            Throwable e = assertThrows(ExecutionFailedException.class, () -> crashing.result(TIMEOUT)).getCause();
            assertEquals(-9, assertInstanceOf(TerminatedWorkerException.class, e).exitCode());
            for (int i = 0; i < 4; i++) {
                assertEquals(i * i, others.get(i).result(TIMEOUT), "call " + i + " was not lost");
            }
        }
    }

    @Test
    void workerRetiringAfterMaxTasksIsNeverSentACallItWouldNotRun() {
        try (ProcessPoolExecutor pool = twoPerWorker().maxWorkers(2).maxTasksPerChild(2).build()) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fs.add(pool.submit(PoolTasks.SQUARE, i));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(i * i, fs.get(i).result(TIMEOUT));
            }
            assertFalse(pool.isBroken());
        }
    }

    @Test
    void crashWithACallWaitingBreaksThePoolAndFailsBothCalls() {
        try (ProcessPoolExecutor pool = twoPerWorker().maxWorkers(1).build()) {
            pool.submit(PoolTasks.SQUARE, 1).result(TIMEOUT);
            SerializableCallable<Object> crash = () -> {
                PoolTasks.killSelf();
                return null;
            };
            Future<Object> crashing = pool.submit(crash);
            Future<Integer> waiting = pool.submit(PoolTasks.SQUARE, 2);
            assertInstanceOf(BrokenProcessPoolException.class,
                    assertThrows(ExecutionFailedException.class, () -> crashing.result(TIMEOUT)).getCause());
            assertInstanceOf(BrokenProcessPoolException.class,
                    assertThrows(ExecutionFailedException.class, () -> waiting.result(TIMEOUT)).getCause());
        }
    }
}

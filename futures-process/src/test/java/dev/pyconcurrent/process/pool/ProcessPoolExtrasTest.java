package dev.pyconcurrent.process.pool;

import static dev.pyconcurrent.process.pool.PoolTasks.TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.function.SerializableCallable;

/**
 * What the pool does beyond CPython (what loky and pebble users come for): {@code cancel(true)} of a running call
 * kills and replaces its worker; a per-task timeout; replacing crashed workers; backpressure on {@code submit}; the
 * hop-by-hop {@link PoolTrace}. No CPython test to port; the pebble/loky behaviours are the spec.
 */
@Timeout(60)
class ProcessPoolExtrasTest {

    @Test
    void cancelTrueOnARunningCallKillsItsWorkerAndThePoolGoesOn() {
        Map<Long, Long> takenBy = new ConcurrentHashMap<>();
        CountDownLatch taken = new CountDownLatch(1);
        PoolTrace trace = new PoolTrace() {
            @Override
            public void takenByWorker(long workId, long pid) {
                takenBy.put(workId, pid);
                taken.countDown();
            }
        };
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).trace(trace).build()) {
            Future<Integer> stuck = pool.submit(PoolTasks.SLEEP_MS, 30_000);
            await().atMost(TIMEOUT).until(() -> taken.getCount() == 0);
            long pid = takenBy.values().iterator().next();
            assertTrue(stuck.cancel(true), "a running call can be cancelled");
            assertTrue(stuck.cancelled());
            assertThrows(CancelledException.class, stuck::result);
            await().atMost(TIMEOUT).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            long next = pool.submit(PoolTasks.PID).result(TIMEOUT);
            assertNotEquals(pid, next, "a replacement worker runs the next call");
            assertFalse(pool.isBroken());
        }
    }

    @Test
    void plainCancelOfARunningCallStillReturnsFalse() { // CPython semantics without mayInterruptIfRunning
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            Future<Integer> running = pool.submit(PoolTasks.SLEEP_MS, 300);
            await().atMost(TIMEOUT).until(running::running);
            assertFalse(running.cancel());
            assertEquals(300, running.result(TIMEOUT));
        }
    }

    @Test
    void cancelTrueOfACallStillInTheCallQueueWithdrawsItWithoutKilling() {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            long pid = pool.submit(PoolTasks.PID).result(TIMEOUT);
            Future<Integer> blocker = pool.submit(PoolTasks.SLEEP_MS, 500);
            Future<Integer> queued = pool.submit(PoolTasks.SQUARE, 5);
            await().atMost(TIMEOUT).until(queued::running); // moved to the call queue, not taken: worker busy
            assertTrue(queued.cancel(true));
            assertThrows(CancelledException.class, queued::result);
            assertEquals(500, blocker.result(TIMEOUT), "the worker was not killed");
            assertEquals(pid, pool.submit(PoolTasks.PID).result(TIMEOUT));
        }
    }

    @Test
    void taskTimeoutFailsOnlyThatCallAndReplacesTheWorker() {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1)
                .taskTimeout(Duration.ofMillis(300)).build()) {
            Future<Integer> quick = pool.submit(PoolTasks.SQUARE, 3);
            Future<Integer> stuck = pool.submit(PoolTasks.SLEEP_MS, 30_000);
            Future<Integer> after = pool.submit(PoolTasks.SQUARE, 4);
            assertEquals(9, quick.result(TIMEOUT));
            Throwable e = assertThrows(ExecutionFailedException.class, () -> stuck.result(TIMEOUT)).getCause();
            TaskTimeoutException timedOut = assertInstanceOf(TaskTimeoutException.class, e);
            assertEquals(Duration.ofMillis(300), timedOut.timeout());
            assertEquals(16, after.result(TIMEOUT), "the next call runs in a replacement worker");
            assertFalse(pool.isBroken());
        }
    }

    @Test
    void replaceCrashedWorkersFailsOnlyTheCallThatWasRunning() {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).replaceCrashedWorkers(true)
                .build()) {
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
                assertEquals(i * i, others.get(i).result(TIMEOUT));
            }
            assertFalse(pool.isBroken());
        }
    }

    @Test
    void maxPendingWorkItemsMakesSubmitWaitForRoom() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).maxPendingWorkItems(2).build()) {
            Future<Integer> first = pool.submit(PoolTasks.SLEEP_MS, 400);
            Future<Integer> second = pool.submit(PoolTasks.SLEEP_MS, 10);
            AtomicBoolean firstDoneWhenThirdAccepted = new AtomicBoolean();
            CountDownLatch accepted = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
            Thread producer = new Thread(() -> {
                try {
                    pool.submit(PoolTasks.SQUARE, 2);
                    firstDoneWhenThirdAccepted.set(first.done());
                } catch (RuntimeException e) {
                    failed.set(e);
                } finally {
                    accepted.countDown();
                }
            });
            producer.start();
            assertTrue(accepted.await(20, TimeUnit.SECONDS));
            assertEquals(null, failed.get());
            assertTrue(firstDoneWhenThirdAccepted.get(), "submit waited until a pending item finished");
            assertEquals(10, second.result(TIMEOUT));
        }
    }

    @Test
    void bashWithCrashesAndRunningCancellationsLeavesEveryFutureDoneAndThePoolUsable() throws Exception {
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(2).replaceCrashedWorkers(true)
                .build()) {
            SerializableCallable<Object> crash = () -> {
                Runtime.getRuntime().halt(5);
                return null;
            };
            List<Future<?>> all = new CopyOnWriteArrayList<>();
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int seed = t;
                Thread producer = new Thread(() -> {
                    for (int i = 0; i < 20; i++) {
                        int kind = (seed * 20 + i) % 10;
                        if (kind == 0) {
                            all.add(pool.submit(crash));
                        } else if (kind == 1) {
                            Future<Integer> slow = pool.submit(PoolTasks.SLEEP_MS, 2_000);
                            all.add(slow);
                            slow.cancel(true); // pending, in the call queue, or running: all must end cleanly
                        } else {
                            all.add(pool.submit(PoolTasks.PLUS_ONE, i));
                        }
                    }
                });
                producers.add(producer);
                producer.start();
            }
            for (Thread producer : producers) {
                producer.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertEquals(60, all.size());
            for (Future<?> f : all) {
                // bounded: a hang would throw FutureTimeoutException
                await().atMost(TIMEOUT.multipliedBy(2)).until(f::done);
                if (!f.cancelled() && f.exception() != null) {
                    assertInstanceOf(TerminatedWorkerException.class, f.exception());
                }
            }
            assertFalse(pool.isBroken());
            assertEquals(2, pool.submit(PoolTasks.PLUS_ONE, 1).result(TIMEOUT));
        }
    }

    @Test
    void traceReportsEveryHopOfAWorkItemInOrder() {
        List<String> hops = new CopyOnWriteArrayList<>();
        PoolTrace trace = new PoolTrace() {
            @Override
            public void submitted(long workId, Object task) {
                hops.add("submitted " + workId);
            }

            @Override
            public void movedToCallQueue(long workId) {
                hops.add("call queue " + workId);
            }

            @Override
            public void takenByWorker(long workId, long pid) {
                hops.add("taken " + workId);
            }

            @Override
            public void resultQueued(long workId, long pid, boolean failed) {
                hops.add("result queue " + workId);
            }

            @Override
            public void futureSet(long workId, String outcome) {
                hops.add("future " + workId + " " + outcome);
            }
        };
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).trace(trace).build()) {
            assertEquals(36, pool.submit(PoolTasks.SQUARE, 6).result(TIMEOUT));
            await().atMost(TIMEOUT).until(() -> hops.size() >= 5);
            assertEquals(List.of("submitted 0", "call queue 0", "taken 0", "result queue 0", "future 0 result"),
                    hops);
        }
    }
    @Test
    void callsEnterTheCallQueueAndStartInSubmissionOrderWhetherOrNotTheManagerMovesThem() {
        // Both paths into the call queue (submit's direct hand-off while nothing waits, the manager's when work backs
        // up) are in play here: a burst of 300 quick calls to one worker fills the call queue many times over.
        List<Long> moved = new CopyOnWriteArrayList<>();
        List<Long> taken = new CopyOnWriteArrayList<>();
        PoolTrace trace = new PoolTrace() {
            @Override
            public void movedToCallQueue(long workId) {
                moved.add(workId);
            }

            @Override
            public void takenByWorker(long workId, long pid) {
                taken.add(workId);
            }
        };
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(1).trace(trace).build()) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                fs.add(pool.submit(PoolTasks.PLUS_ONE, i));
            }
            for (int i = 0; i < 300; i++) {
                assertEquals(i + 1, fs.get(i).result(TIMEOUT));
            }
            List<Long> inOrder = new ArrayList<>();
            for (long id = 0; id < 300; id++) {
                inOrder.add(id);
            }
            assertEquals(inOrder, moved);
            assertEquals(inOrder, taken);
        }
    }
}

package dev.pyconcurrent.process.pool;

import static dev.pyconcurrent.process.pool.PoolTasks.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * The call queue when work backs up: the channel thread that takes a call moves the next waiting one in itself
 * (Java only; CPython's manager thread does it after every result). These specs pin what must not change with who
 * feeds: FIFO order, and the two manager steps that race with a feeding channel, {@code shutdown(cancelFutures)} and
 * a break. Close in spirit to CPython's {@code test_cancel_futures} and {@code test_crash_big_data}, run as bounded
 * bash tests (several rounds, many quick calls).
 */
@Timeout(120)
class CallQueueFeedingTest {
    /** The worker's own monotonic clock when the call starts. */
    private static final SerializableFunction<Integer, Long> STARTED_AT = i -> System.nanoTime();

    @Test
    void aBacklogStartsInSubmissionOrder() {
        try (ProcessPoolExecutor pool = new ProcessPoolExecutor(1)) {
            List<Future<Long>> fs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                fs.add(pool.submit(STARTED_AT, i));    // one worker: the call queue order is the start order
            }
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < fs.size(); i++) {
                long started = fs.get(i).result(TIMEOUT);
                assertTrue(started > previous, "call " + i + " started before call " + (i - 1));
                previous = started;
            }
        }
    }

    @Test
    void shutdownWithCancelFuturesWhileChannelsFeedLeavesEachFutureCancelledOrCorrect() {
        for (int round = 0; round < 6; round++) {
            ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                fs.add(pool.submit(PoolTasks.SQUARE, i));
            }
            pool.shutdown(true, true);                 // races with the channels moving work ids in
            int cancelled = 0;
            for (int i = 0; i < fs.size(); i++) {
                Future<Integer> f = fs.get(i);
                assertTrue(f.done(), "round " + round + ": call " + i + " not done after shutdown(wait=true)");
                if (f.cancelled()) {
                    cancelled++;
                } else {
                    assertEquals(i * i, f.result(TIMEOUT), "round " + round + ": call " + i);
                }
            }
            assertTrue(cancelled < fs.size(), "round " + round + ": the calls already in the call queue must run");
        }
    }

    @Test
    void aBreakWhileChannelsFeedFailsEveryUnfinishedCallAndLosesNoResult() {
        SerializableFunction<Integer, Integer> dieAt150 = i -> {
            if (i == 150) {
                PoolTasks.killSelf();
            }
            return i * i;
        };
        for (int round = 0; round < 3; round++) {
            ProcessPoolExecutor pool = new ProcessPoolExecutor(2);
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                fs.add(pool.submit(dieAt150, i));
            }
            int failed = 0;
            for (int i = 0; i < fs.size(); i++) {
                Future<Integer> f = fs.get(i);
                Throwable e = f.exception(TIMEOUT);     // bounded: a future left RUNNING would fail here
                if (e == null) {
                    assertEquals(i * i, f.result(), "round " + round + ": call " + i);
                } else {
                    assertInstanceOf(BrokenProcessPoolException.class, e, "round " + round + ": call " + i);
                    failed++;
                }
            }
            // The other worker may finish many calls before the death is seen; call 150 itself always fails.
            assertInstanceOf(BrokenProcessPoolException.class, fs.get(150).exception(TIMEOUT));
            assertTrue(failed >= 1, "round " + round);
            pool.shutdown();
        }
    }
}

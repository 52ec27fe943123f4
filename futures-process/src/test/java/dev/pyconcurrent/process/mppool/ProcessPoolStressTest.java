package dev.pyconcurrent.process.mppool;

import static dev.pyconcurrent.process.mppool.MpTasks.SQR;
import static dev.pyconcurrent.process.mppool.MpTasks.TIMEOUT;
import static dev.pyconcurrent.process.mppool.ProcessPoolTest.range;
import static dev.pyconcurrent.process.mppool.ProcessPoolTest.squares;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.pool.AsyncResult;

/**
 * The bounded "bash" test: several threads hammer one pool at once with {@code applyAsync}, {@code map},
 * {@code imap} and {@code imapUnordered}, with callbacks counting deliveries; every result must be right and
 * delivered once, and the pool must close and join cleanly afterwards. Bounded: 6 threads × 40 rounds, a minute at
 * most. No CPython counterpart (its pool tests are functional only).
 */
@Timeout(60)
class ProcessPoolStressTest {

    @Test
    void manyThreadsMixingEveryKindOfJobGetEveryResultExactlyOnce() throws Exception {
        ProcessPool pool = ProcessPool.builder().processes(3).maxTasksPerChild(400).build();
        AtomicInteger callbacks = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int kind = t;
                done.add(callers.submit(() -> {
                    int rounds = 0;
                    for (int round = 0; round < 40; round++) {
                        switch (kind % 3) {
                            case 0: {
                                List<AsyncResult<Integer>> rs = new ArrayList<>();
                                for (int i = 0; i < 10; i++) {
                                    rs.add(pool.applyAsync(SQR, i, x -> callbacks.incrementAndGet(), null));
                                }
                                for (int i = 0; i < 10; i++) {
                                    assertEquals(i * i, rs.get(i).get(TIMEOUT));
                                }
                                break;
                            }
                            case 1:
                                assertEquals(squares(25), pool.map(SQR, range(25), round % 4 + 1));
                                break;
                            default:
                                assertEquals(squares(20), ProcessPoolTest.drain(pool.imap(SQR, range(20), round % 3 + 1)));
                                assertEquals(20, ProcessPoolTest.drain(pool.imapUnordered(SQR, range(20))).size());
                        }
                        rounds++;
                    }
                    return rounds;
                }));
            }
            for (Future<Integer> f : done) {
                assertEquals(40, f.get(50, TimeUnit.SECONDS));
            }
            assertEquals(2 * 40 * 10, callbacks.get(), "each applyAsync callback ran exactly once");
            assertEquals(0, pool.pendingJobs());
            pool.shutdown();
            assertTrue(pool.join(TIMEOUT));
        } finally {
            callers.shutdownNow();
            pool.terminate();
        }
    }
}

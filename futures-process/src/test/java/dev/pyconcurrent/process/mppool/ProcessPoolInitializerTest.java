package dev.pyconcurrent.process.mppool;

import static dev.pyconcurrent.process.mppool.MpTasks.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.function.SerializableConsumer;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.AsyncResult;

/**
 * The worker initializer. Ports CPython's {@code TestInitializers::test_pool_initializer} (a non-callable initializer is
 * refused: in Java only null can be; the initializer runs once per worker, with its argument). Adds the Java choice
 * for an initializer that raises: the pool breaks and every job fails with {@link BrokenExecutorException} carrying
 * the worker's exception (CPython restarts workers that fail again, forever).
 */
@Timeout(60)
class ProcessPoolInitializerTest {
    /** Set by the initializer in each worker JVM. */
    static volatile int initCalls;
    static volatile String initArg;

    @Test
    void aNullInitializerIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> ProcessPool.builder().initializer((SerializableConsumer<String>) null, "x"));
        assertEquals("initializer must be a callable", e.getMessage());
    }

    @Test
    void theInitializerRunsOncePerWorkerWithItsArgument() {
        SerializableConsumer<String> init = arg -> {
            initCalls++;
            initArg = arg;
        };
        SerializableFunction<Integer, String> report = x -> {
            MpTasks.sleep(5);
            return ProcessHandle.current().pid() + ":" + initCalls + ":" + initArg;
        };
        try (ProcessPool pool = ProcessPool.builder().processes(2).initializer(init, "ready").build()) {
            List<String> reports = pool.map(report, ProcessPoolTest.range(40), 1);
            Map<String, Integer> perWorker = new TreeMap<>();
            for (String r : reports) {
                String[] parts = r.split(":");
                assertEquals("1", parts[1], "initializer calls in worker " + parts[0]);
                assertEquals("ready", parts[2]);
                perWorker.merge(parts[0], 1, Integer::sum);
            }
            assertTrue(perWorker.size() <= 2, perWorker.toString());
        }
        assertEquals(0, initCalls, "the initializer never ran in this JVM");
    }

    @Test
    void aFailingInitializerBreaksThePoolAndJobsFail() {
        try (ProcessPool pool = ProcessPool.builder().processes(2).initializer(() -> {
            throw new IllegalStateException("bad init");
        }).build()) {
            AsyncResult<Integer> r = pool.applyAsync(MpTasks.SQR, 3);
            ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> r.get(TIMEOUT));
            BrokenExecutorException broken = assertInstanceOf(BrokenExecutorException.class, e.getCause());
            assertInstanceOf(IllegalStateException.class, broken.getCause());
            Awaitility.await().atMost(TIMEOUT).until(pool::isBroken);
            BrokenExecutorException refused = assertThrows(BrokenExecutorException.class,
                    () -> pool.applyAsync(MpTasks.SQR, 1));
            assertEquals("bad init", refused.getCause().getMessage());
            pool.shutdown();
            assertTrue(pool.join(TIMEOUT), "a broken pool still closes and joins");
        }
    }
}

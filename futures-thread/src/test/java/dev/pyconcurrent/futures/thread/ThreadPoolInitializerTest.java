package dev.pyconcurrent.futures.thread;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;

/**
 * The initializer (conformance 1.8), ported from CPython's {@code test_init.py}: {@code InitializerMixin::test_initializer}
 * and {@code FailingInitializerMixin::test_initializer} for the thread pool ({@code worker_count = 2}). Left out:
 * {@code FailingInitializerResourcesTest} (resource tracker of process pools) and the non-callable initializer
 * {@code TypeError} (impossible with static types).
 */
@Timeout(30)
class ThreadPoolInitializerTest {
    private static final ThreadLocal<String> INITIALIZER_STATUS = ThreadLocal.withInitial(() -> "uninitialized");

    @Test
    void initializerRunsInEveryWorkerBeforeItsFirstCall() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(2, null, (String s) -> INITIALIZER_STATUS.set(s), "initialized");
        try {
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fs.add(ex.submit(INITIALIZER_STATUS::get));
            }
            for (Future<String> f : fs) {
                assertEquals("initialized", f.result(Duration.ofSeconds(5)));
            }
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void failingInitializerBreaksThePoolWithTheCauseAttached() {
        IllegalStateException boom = new IllegalStateException("error in initializer");
        try (LogRecorder log = new LogRecorder("dev.pyconcurrent.futures")) {
            ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(2)
                    .initializer(() -> {
                        throw boom;
                    }).build();
            try {
                try {
                    Future<Integer> f = ex.submit(() -> 1);
                    ExecutionFailedException e = assertThrows(ExecutionFailedException.class,
                            () -> f.result(Duration.ofSeconds(5)));
                    assertInstanceOf(BrokenThreadPoolException.class, e.getCause());
                    assertSame(boom, e.getCause().getCause());
                } catch (BrokenThreadPoolException alreadyBroken) {
                    assertSame(boom, alreadyBroken.getCause()); // CPython allows either outcome
                }
                await().atMost(Duration.ofSeconds(5)).until(ex::isBroken);
                for (int i = 0; i < 3; i++) {
                    BrokenThreadPoolException e = assertThrows(BrokenThreadPoolException.class, () -> ex.submit(() -> 1));
                    assertSame(boom, e.getCause());
                    assertTrue(e.getMessage().contains("initializer failed"), e.getMessage());
                }
                assertTrue(log.text().contains("ERROR Exception in initializer: | java.lang.IllegalStateException: error in initializer"),
                        log.text());
            } finally {
                ex.shutdown();
            }
        }
    }

    @Test
    void queuedWorkFailsWhenTheInitializerFails() {
        ThreadPoolExecutor ex = ThreadPoolExecutor.builder().maxWorkers(1).initializer(() -> {
            try {
                Thread.sleep(100); // let work queue up before the failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalArgumentException("late failure");
        }).build();
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                fs.add(ex.submit(() -> 1));
            }
            for (Future<Integer> f : fs) {
                Throwable t = f.exception(Duration.ofSeconds(5));
                assertInstanceOf(BrokenThreadPoolException.class, t);
                assertInstanceOf(BrokenExecutorException.class, t);
                assertInstanceOf(IllegalArgumentException.class, t.getCause());
            }
        } finally {
            ex.shutdown();
        }
    }
}

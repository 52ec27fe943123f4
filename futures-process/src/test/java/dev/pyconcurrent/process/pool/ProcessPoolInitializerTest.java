package dev.pyconcurrent.process.pool;

import static dev.pyconcurrent.process.pool.PoolTasks.TIMEOUT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableRunnable;

/**
 * The worker initializer. Ports {@code test_init.py}: {@code InitializerMixin::test_initializer} and
 * {@code FailingInitializerMixin::test_initializer} (2 workers, as CPython); the "initializer must be a callable"
 * check becomes a null check, and an initializer that cannot be serialized is refused when the pool is built.
 */
@Timeout(60)
class ProcessPoolInitializerTest {
    /** Set by the initializer in each worker JVM (CPython's global INITIALIZER_STATUS). */
    static volatile String initializerStatus = "uninitialized";

    @Test
    void initializerRunsInEveryWorkerBeforeItsCalls() { // test_initializer
        try (ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(2)
                .initializer((String status) -> initializerStatus = status, "initialized").build()) {
            SerializableCallable<String> status = () -> initializerStatus;
            for (int i = 0; i < 4; i++) {
                assertEquals("initialized", pool.submit(status).result(TIMEOUT));
            }
            assertEquals("uninitialized", initializerStatus, "it ran in the workers, not here");
        }
    }

    @Test
    void failingInitializerBreaksThePool() { // FailingInitializerMixin::test_initializer
        SerializableRunnable failing = () -> {
            throw new IllegalArgumentException("error in initializer");
        };
        ProcessPoolExecutor pool = ProcessPoolExecutor.builder().maxWorkers(2).initializer(failing).build();
        ch.qos.logback.classic.Logger futuresLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.pyconcurrent.futures");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        futuresLog.addAppender(log);
        try {
            Future<Integer> f = pool.submit(PoolTasks.SQUARE, 3);
            Throwable e = assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT)).getCause();
            BrokenExecutorException broken = assertInstanceOf(BrokenExecutorException.class, e);
            assertTrue(String.valueOf(broken.getCause()).contains("error in initializer"), String.valueOf(broken));
            await().atMost(Duration.ofSeconds(5)).until(pool::isBroken);
            for (int i = 0; i < 3; i++) {
                assertThrows(BrokenProcessPoolException.class, () -> pool.submit(PoolTasks.SQUARE, 3));
            }
            // CPython: LOGGER.critical('Exception in initializer:') on logger concurrent.futures
            await().atMost(Duration.ofSeconds(5)).until(() -> log.list.stream().anyMatch(event ->
                    event.getLevel() == ch.qos.logback.classic.Level.ERROR
                            && event.getFormattedMessage().startsWith("Exception in initializer")
                            && event.getThrowableProxy() != null
                            && event.getThrowableProxy().getMessage().contains("error in initializer")));
        } finally {
            futuresLog.detachAppender(log);
            pool.shutdown();
        }
    }

    @Test
    void missingInitializerFunctionIsRefused() { // process.py: "initializer must be a callable"
        NullPointerException e = assertThrows(NullPointerException.class, () -> ProcessPoolExecutor.builder()
                .initializer((dev.pyconcurrent.futures.function.SerializableConsumer<String>) null, "x"));
        assertTrue(e.getMessage().contains("initializer must be a callable"), e.getMessage());
    }

    @Test
    void unserializableInitializerIsRefusedAtConstruction() {
        Object notSerializable = new Object();
        SerializableRunnable capturing = () -> notSerializable.hashCode();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessPoolExecutor.builder().initializer(capturing).build());
        assertTrue(e.getMessage().contains("initializer cannot be serialized"), e.getMessage());
    }
}

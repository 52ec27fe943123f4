package dev.pyconcurrent.futures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * The abstract {@link Executor}'s own behaviour (submit overloads, execute, shutdown/close), ported from CPython's
 * {@code Lib/test/test_concurrent_futures/executor.py::ExecutorTest::test_submit} and {@code test_submit_keyword}
 * (the positional part; Java has no keyword arguments) and the context-manager rows of conformance 2.1
 * ({@code __exit__} = {@code shutdown(wait=True)}).
 */
@Timeout(10)
class ExecutorTest {

    @Test
    void submitWithTwoArgumentsComputesTheCall() { // test_submit
        try (TinyThreadExecutor executor = new TinyThreadExecutor(2)) {
            Future<Integer> future = executor.submit((Integer base, Integer exp) -> (int) Math.pow(base, exp), 2, 8);
            assertEquals(256, future.result());
        }
    }

    @Test
    void submitWithOneArgumentComputesTheCall() {
        try (TinyThreadExecutor executor = new TinyThreadExecutor(1)) {
            assertEquals(16, executor.submit((Integer x) -> x * x, 4).result());
        }
    }

    @Test
    void methodReferencesWorkAsTasks() {
        try (TinyThreadExecutor executor = new TinyThreadExecutor(2)) {
            assertEquals(7, executor.submit(Math::max, 3, 7).result());
            assertEquals(List.of("1", "2"), java.util.stream.StreamSupport.stream(
                    executor.map(String::valueOf, List.of(1, 2)).spliterator(), false).toList());
            assertEquals("x", executor.submit(String::trim, " x ").result());
        }
    }

    @Test
    void submitWithoutACallableIsRejected() { // test_submit_keyword (missing callable -> TypeError)
        RecordingExecutor executor = new RecordingExecutor();
        assertThrows(NullPointerException.class, () -> executor.submit((SerializableFunction<Integer, Integer>) null, 1));
        assertThrows(NullPointerException.class,
                () -> executor.submit((SerializableBiFunction<Integer, Integer, Integer>) null, 1, 2));
        assertTrue(executor.tasks.isEmpty());
    }

    @Test
    void boundCallsSurviveSerialization() throws Exception {
        RecordingExecutor executor = new RecordingExecutor();
        executor.submit((Integer x, Integer y) -> x * y, 6, 7);
        executor.submit((String s) -> s + "!", "hi");
        assertEquals(42, roundTrip(executor.tasks.get(0)).call());
        assertEquals("hi!", roundTrip(executor.tasks.get(1)).call());
    }

    private static SerializableCallable<?> roundTrip(SerializableCallable<?> task) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SerializableCallable<?>) in.readObject();
        }
    }

    @Test
    void executeRunsTheRunnable() {
        AtomicInteger runs = new AtomicInteger();
        try (TinyThreadExecutor executor = new TinyThreadExecutor(1)) {
            executor.execute(runs::incrementAndGet);
        }
        assertEquals(1, runs.get());
    }

    @Test
    void executeLogsAFailureNobodyElseCouldSee() {
        try (LogCapture log = new LogCapture(); TinyThreadExecutor executor = new TinyThreadExecutor(1)) {
            executor.execute(() -> {
                throw new IllegalStateException("lost?");
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> log.text().contains("IllegalStateException: lost?"));
            assertTrue(log.text().contains("run by execute() raised"), log.text());
        }
    }

    @Test
    void closeIsShutdownWithWait() { // __exit__ -> shutdown(wait=True)
        RecordingExecutor executor = new RecordingExecutor();
        try (executor) {
            executor.submit(() -> 1);
        }
        assertEquals(List.of("wait=true cancelFutures=false"), executor.shutdowns);
    }

    @Test
    void shutdownOverloadsDelegateToTheFullForm() {
        RecordingExecutor executor = new RecordingExecutor();
        executor.shutdown();
        executor.shutdown(false);
        executor.shutdown(false, true);
        assertEquals(List.of("wait=true cancelFutures=false", "wait=false cancelFutures=false",
                "wait=false cancelFutures=true"), executor.shutdowns);
    }

    @Test
    void baseShutdownDoesNothing() {
        Executor bare = new Executor() {
            @Override
            public <T> Future<T> submit(SerializableCallable<T> task) {
                return FutureFixtures.finishedWith(null);
            }
        };
        bare.shutdown(true, true);
        bare.close();
        assertTrue(bare.submit(() -> 1).done());
    }
}

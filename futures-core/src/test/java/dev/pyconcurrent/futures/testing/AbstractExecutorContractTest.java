package dev.pyconcurrent.futures.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.FutureTimeoutException;
import dev.pyconcurrent.futures.MapIterator;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * The executor contract every pool must meet (conformance 1.3 and the executor-generic rows of 1.6), written once
 * and run by each pool module through a concrete subclass ({@code ThreadPoolExecutorContractTest} in futures-thread,
 * later the process pool's). Ships in the futures-core test-jar. Every task is a {@code Serializable*} function over
 * static methods and serializable values, so a process pool can run the same tests.
 *
 * <p>Ports CPython's {@code Lib/test/test_concurrent_futures/executor.py::ExecutorTest}: {@code test_submit},
 * {@code test_submit_keyword} (Java: the one- and two-argument overloads forward their arguments; a null callable is
 * refused), {@code test_map}, {@code test_map_exception} (main semantics), {@code test_map_timeout_from_callable},
 * {@code test_map_timeout}, {@code test_map_close}, {@code test_map_buffersize},
 * {@code test_map_buffersize_on_multiple_iterables}, {@code test_map_buffersize_on_infinite_iterable},
 * {@code test_map_buffersize_on_empty_iterable}, {@code test_map_buffersize_when_buffer_is_full},
 * {@code test_shutdown_race_issue12456}, {@code test_no_stale_references}, {@code test_max_workers_negative},
 * {@code test_free_reference}, {@code test_swallows_falsey_exceptions} (Java: an exception with a null message);
 * and from {@code test_shutdown.py::ExecutorShutdownTest}: {@code test_run_after_shutdown},
 * {@code test_hang_issue12364}, {@code test_cancel_futures}, {@code test_hang_gh94440}. Left out:
 * {@code test_map_buffersize_type_validation} (static types), {@code test_map_buffersize_without_iterable}
 * (Java's {@code map} needs an iterable).
 */
@Timeout(30)
public abstract class AbstractExecutorContractTest {
    /** CPython's {@code ExecutorMixin.worker_count}. */
    protected static final int WORKER_COUNT = 5;

    /** The executor under test, created before each test with {@link #WORKER_COUNT} workers. */
    protected Executor executor;

    /**
     * @param maxWorkers the worker count to ask for (tests also pass 0 and -1 to check validation)
     * @return a new executor of the kind under test
     */
    protected abstract Executor newExecutor(int maxWorkers);

    @BeforeEach
    void createExecutor() {
        executor = newExecutor(WORKER_COUNT);
    }

    @AfterEach
    void shutdownExecutor() {
        executor.shutdown(true, true);
    }

    // ------------------------------------------------------------------ serializable task bodies

    static int pow(int base, int exp) {
        int r = 1;
        for (int i = 0; i < exp; i++) {
            r *= base;
        }
        return r;
    }

    static int div(int a, int b) {
        return a / b;
    }

    static int sleepMillisThenReturn(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return millis;
    }

    static int raiseTimeoutOnOne(int i) {
        if (i == 1) {
            throw new IllegalStateException(new java.util.concurrent.TimeoutException("from the callable"));
        }
        return i;
    }

    static Object nullMessageFailure(int ignored) {
        throw new FalseyException();
    }

    /** CPython's falsey exception (gh-132063); Java's nearest analogue is an exception with no message. */
    static final class FalseyException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** A payload a task can capture; tests watch it with a weak reference. */
    static final class Payload implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;

        Payload(int value) {
            this.value = value;
        }
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static <T> List<T> drain(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    // ------------------------------------------------------------------ submit

    @Test
    void submitRunsTheCallAndReturnsItsResult() {
        assertEquals(256, executor.submit((SerializableBiFunction<Integer, Integer, Integer>) AbstractExecutorContractTest::pow, 2, 8).result());
    }

    @Test
    void submitForwardsOneAndTwoArguments() {
        SerializableFunction<Integer, Integer> square = x -> x * x;
        assertEquals(49, executor.submit(square, 7).result());
        assertEquals(16, executor.submit((SerializableBiFunction<Integer, Integer, Integer>) AbstractExecutorContractTest::pow, 4, 2).result());
    }

    @Test
    void submitWithoutCallableIsRefused() {
        assertThrows(NullPointerException.class, () -> executor.submit(null));
    }

    @Test
    void maxWorkersZeroOrNegativeIsRefused() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> newExecutor(0));
        assertTrue(zero.getMessage().contains("must be greater than 0"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> newExecutor(-1));
    }

    @Test
    void exceptionWithoutMessageIsStillRaised() {
        Future<Object> f = executor.submit((SerializableFunction<Integer, Object>) AbstractExecutorContractTest::nullMessageFailure, 0);
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, f::result);
        assertInstanceOf(FalseyException.class, e.getCause());
        assertInstanceOf(FalseyException.class, f.exception());
    }

    // ------------------------------------------------------------------ map

    @Test
    void mapEqualsSequentialMapAlsoWithChunksize() {
        SerializableBiFunction<Integer, Integer, Integer> pow = AbstractExecutorContractTest::pow;
        List<Integer> expected = range(10).stream().map(i -> pow(i, i)).toList();
        assertEquals(expected, drain(executor.map(pow, range(10), range(10))));
        assertEquals(expected, drain(executor.map(pow, range(10), range(10), MapOptions.defaults().withChunksize(3))));
    }

    @Test
    void mapRaisesForTheFailedItemAndContinues() {
        SerializableBiFunction<Integer, Integer, Integer> div = AbstractExecutorContractTest::div;
        MapIterator<Integer> it = executor.map(div, List.of(5, 5, 5, 5), List.of(2, 3, 0, 5));
        assertEquals(2, it.next());
        assertEquals(1, it.next());
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, it::next);
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertEquals(1, it.next());
        assertThrows(NoSuchElementException.class, it::next);
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void timeoutRaisedByTheCallableIsOneItemsFailure() {
        SerializableFunction<Integer, Integer> fn = AbstractExecutorContractTest::raiseTimeoutOnOne;
        MapIterator<Integer> it = executor.map(fn, range(4), MapOptions.defaults().withTimeout(Duration.ofSeconds(10)));
        assertEquals(0, it.next());
        assertThrows(ExecutionFailedException.class, it::next);
        assertEquals(2, it.next());
        assertEquals(3, it.next());
        assertFalse(it.hasNext());
    }

    @Test
    void mapTimeoutYieldsFinishedItemsThenRaisesAndIsExhausted() {
        SerializableFunction<Integer, Integer> sleep = AbstractExecutorContractTest::sleepMillisThenReturn;
        MapIterator<Integer> it = executor.map(sleep, List.of(0, 0, 1500),
                MapOptions.defaults().withTimeout(Duration.ofMillis(400)));
        assertEquals(0, it.next());
        assertEquals(0, it.next());
        assertThrows(FutureTimeoutException.class, it::next);
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void closingTheMapIteratorEndsIt() {
        SerializableFunction<Integer, Integer> sleep = AbstractExecutorContractTest::sleepMillisThenReturn;
        MapIterator<Integer> it = executor.map(sleep, List.of(0, 300, 300, 300, 300, 300, 300, 300));
        assertEquals(0, it.next());
        it.close();
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void mapWithBuffersizeGivesTheSameResultsInOrder() {
        SerializableFunction<Integer, Integer> square = x -> x * x;
        List<Integer> expected = range(12).stream().map(x -> x * x).toList();
        for (int buffersize : new int[] {1, 2, 12, 24}) {
            assertEquals(expected, drain(executor.map(square, range(12), MapOptions.defaults().withBuffersize(buffersize))),
                    "buffersize " + buffersize);
        }
    }

    @Test
    void mapWithBuffersizeZipsSeveralIterables() {
        SerializableBiFunction<Integer, Integer, Integer> add = Integer::sum;
        assertEquals(List.of(0, 2, 4, 6), drain(executor.map(add, range(4), range(10), MapOptions.defaults().withBuffersize(2))));
    }

    @Test
    void mapWithBuffersizeReadsAnInfiniteInputLazily() {
        Iterable<Integer> naturals = () -> IntStream.iterate(0, i -> i + 1).iterator();
        SerializableFunction<Integer, String> str = String::valueOf;
        MapIterator<String> it = executor.map(str, naturals, MapOptions.defaults().withBuffersize(2));
        assertEquals("0", it.next());
        assertEquals("1", it.next());
        assertEquals("2", it.next());
        it.close();
    }

    @Test
    void mapWithBuffersizeOverEmptyInputIsExhausted() {
        SerializableFunction<Integer, Integer> id = x -> x;
        assertFalse(executor.map(id, List.<Integer>of(), MapOptions.defaults().withBuffersize(2)).hasNext());
    }

    @Test
    void mapWithFullBufferPullsExactlyBuffersizeInputs() {
        Iterator<Integer> ints = IntStream.range(0, 100).iterator();
        SerializableFunction<Integer, Integer> id = x -> x;
        MapIterator<Integer> it = executor.map(id, () -> ints, MapOptions.defaults().withBuffersize(2));
        assertEquals(2, ints.next());
        it.close();
    }

    @Test
    void mapIteratorDoesNotKeepYieldedResultsAlive() {
        SerializableFunction<Integer, Payload> make = Payload::new;
        MapIterator<Payload> it = executor.map(make, range(3));
        WeakReference<Payload> first = new WeakReference<>(it.next());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return first.get() == null;
        });
        assertEquals(2, drain(it).size());
    }

    @Test
    void discardedFutureDoesNotKeepTheCallAlive() {
        WeakReference<Payload> ref = submitCapturingAPayloadAndDiscardIt();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
        assertNull(ref.get());
    }

    private WeakReference<Payload> submitCapturingAPayloadAndDiscardIt() {
        Payload payload = new Payload(7);
        SerializableFunction<Integer, Integer> useIt = x -> x + payload.value;
        assertEquals(8, executor.submit(useIt, 1).result());
        return new WeakReference<>(payload);
    }

    @Test
    void shutdownWithUnconsumedMapDoesNotHang() {
        SerializableFunction<Integer, String> str = String::valueOf;
        executor.map(str, java.util.Collections.nCopies(WORKER_COUNT + 1, 2));
        executor.shutdown(true);
        assertThrows(IllegalStateException.class, () -> executor.submit(str, 1));
    }

    // ------------------------------------------------------------------ shutdown (executor-generic rows of 1.6)

    @Test
    void submitAfterShutdownRaises() {
        executor.shutdown();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> executor.submit((SerializableFunction<Integer, Integer>) x -> x, 1));
        assertTrue(e.getMessage().contains("cannot schedule new futures after shutdown"), e.getMessage());
    }

    @Test
    void shutdownAfterQuickTasksLetsEveryResultReturn() {
        SerializableBiFunction<Integer, Integer, Integer> pow = AbstractExecutorContractTest::pow;
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fs.add(executor.submit(pow, i, i % 5));
        }
        executor.shutdown();
        for (int i = 0; i < 50; i++) {
            assertEquals(pow(i, i % 5), fs.get(i).result(Duration.ofSeconds(10)));
        }
    }

    @Test
    void shutdownWithCancelFuturesCancelsQueuedWork() {
        SerializableFunction<Integer, Integer> sleep = AbstractExecutorContractTest::sleepMillisThenReturn;
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fs.add(executor.submit(sleep, 100));
        }
        executor.shutdown(true, true);
        int cancelled = 0;
        int completed = 0;
        for (Future<Integer> f : fs) {
            if (f.cancelled()) {
                cancelled++;
                assertThrows(CancelledException.class, f::result);
            } else {
                assertTrue(f.done(), "a non-cancelled future is done after shutdown(wait)");
                assertNull(f.exception());
                completed++;
            }
        }
        assertTrue(cancelled > 20, "cancelled " + cancelled);
        assertTrue(completed >= 1, "completed " + completed);
    }

    @Test
    void shutdownAfterCancellingASubmittedFutureReturns() {
        SerializableFunction<Integer, Integer> sleep = AbstractExecutorContractTest::sleepMillisThenReturn;
        Future<Integer> f = executor.submit(sleep, 50);
        f.cancel();
        long t0 = System.nanoTime();
        executor.shutdown(true);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        assertTrue(f.done());
    }
}

package dev.pyconcurrent.futures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Executor#map} semantics (conformance 1.3 and 2.1) against a tiny in-test executor, ported from CPython's
 * {@code Lib/test/test_concurrent_futures/executor.py::ExecutorTest}: {@code test_map}, {@code test_map_exception}
 * (main semantics: iteration continues after a failed item), {@code test_map_timeout_from_callable},
 * {@code test_map_timeout}, {@code test_map_close}, {@code test_map_buffersize_value_validation},
 * {@code test_map_buffersize}, {@code test_map_buffersize_on_multiple_iterables},
 * {@code test_map_buffersize_on_infinite_iterable}, {@code test_map_buffersize_on_multiple_infinite_iterables},
 * {@code test_map_buffersize_on_empty_iterable}, {@code test_map_buffersize_when_buffer_is_full},
 * {@code test_free_reference}; and from {@code test_thread_pool.py}: {@code test_map_submits_without_iteration},
 * {@code test_executor_map_current_future_cancel}. The pool modules re-run the pool-dependent ones.
 */
@Timeout(20)
class ExecutorMapTest {
    private TinyThreadExecutor executor;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void startExecutor() {
        executor = new TinyThreadExecutor(5);
    }

    @AfterEach
    void stopExecutor() {
        release.countDown();
        executor.shutdown(true);
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static <R> List<R> drain(Iterator<R> it) {
        List<R> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static List<Integer> divmod(int a, int b) {
        return List.of(Math.floorDiv(a, b), Math.floorMod(a, b));
    }

    @Test
    void mapEqualsTheSequentialMapAlsoWithChunksize() { // test_map
        List<Integer> expected = range(10).stream().map(i -> (int) Math.pow(i, i)).toList();
        assertEquals(expected, drain(executor.map((Integer b, Integer e) -> (int) Math.pow(b, e), range(10), range(10))));
        assertEquals(expected, drain(executor.map((Integer b, Integer e) -> (int) Math.pow(b, e), range(10), range(10),
                MapOptions.defaults().withChunksize(3))));
    }

    @Test
    void aFailedItemRaisesForThatItemAndIterationContinues() { // test_map_exception
        for (int chunksize : new int[] {1, 3}) {
            MapIterator<List<Integer>> i = executor.map(ExecutorMapTest::divmod, List.of(5, 5, 5, 5),
                    List.of(2, 3, 0, 5), MapOptions.defaults().withChunksize(chunksize));
            assertEquals(List.of(2, 1), i.next());
            assertEquals(List.of(1, 2), i.next());
            ExecutionFailedException e = assertThrows(ExecutionFailedException.class, i::next);
            assertInstanceOf(ArithmeticException.class, e.getCause());
            assertEquals(List.of(1, 0), i.next());
            assertThrows(NoSuchElementException.class, i::next);
            assertThrows(NoSuchElementException.class, i::next);
        }
    }

    @Test
    void aTimeoutRaisedByTheCallableIsThatItemsFailureNotTheMapTimeout() { // test_map_timeout_from_callable
        for (Duration timeout : Arrays.asList(null, Duration.ofSeconds(30))) {
            MapIterator<Integer> i = executor.map((Integer x) -> {
                if (x == 1) {
                    throw new FutureTimeoutException("from the callable");
                }
                return x;
            }, List.of(0, 1, 2, 3), MapOptions.defaults().withTimeout(timeout));
            assertEquals(0, i.next());
            ExecutionFailedException e = assertThrows(ExecutionFailedException.class, i::next);
            assertInstanceOf(FutureTimeoutException.class, e.getCause());
            assertEquals(2, i.next());
            assertEquals(3, i.next());
            assertFalse(i.hasNext());
        }
    }

    @Test
    void mapTimeoutCancelsWhatIsLeftAndExhaustsTheIterator() { // test_map_timeout
        List<Integer> results = new ArrayList<>();
        MapIterator<Integer> i = executor.map((Integer x) -> {
            if (x == 1) {
                awaitLatch(release);
            }
            return x;
        }, List.of(0, 0, 1), MapOptions.defaults().withTimeout(Duration.ofMillis(300)));
        FutureTimeoutException e = assertThrows(FutureTimeoutException.class, () -> i.forEachRemaining(results::add));
        assertTrue(e.getMessage().startsWith("map() timeout of 300 ms passed while waiting for result #"),
                e.getMessage());
        assertTrue(List.of(List.of(0, 0), List.of(0), List.of()).contains(results), results.toString());
        assertFalse(i.hasNext());
        assertThrows(NoSuchElementException.class, i::next);
        assertThrows(NoSuchElementException.class, i::next);
    }

    @Test
    void closeCancelsWhatIsLeftAndExhaustsTheIterator() { // test_map_close
        for (int chunksize : new int[] {1, 3}) {
            MapIterator<List<Integer>> i = executor.map(ExecutorMapTest::divmod, List.of(5, 5, 5, 5),
                    List.of(2, 0, 3, 5), MapOptions.defaults().withChunksize(chunksize));
            assertEquals(List.of(2, 1), i.next());
            i.close();
            assertFalse(i.hasNext());
            assertThrows(NoSuchElementException.class, i::next);
            assertThrows(NoSuchElementException.class, i::next);
        }
    }

    @Test
    void closeCancelsCallsThatHaveNotStarted() {
        RecordingExecutor recording = new RecordingExecutor();
        MapIterator<Integer> i = recording.map((Integer x) -> x, range(4));
        i.close();
        recording.futures.forEach(f -> assertTrue(f.cancelled(), f.toString()));
    }

    @Test
    void optionsRefuseBadSizesWithAClearMessage() { // test_map_buffersize_value_validation
        for (int bad : new int[] {0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MapOptions.defaults().withBuffersize(bad));
            assertEquals("buffersize must be null or > 0, got " + bad, e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapOptions.defaults().withChunksize(-1));
        assertEquals("chunksize must be >= 1, got -1", e.getMessage());
    }

    @Test
    void buffersizeGivesTheSameResultsInOrder() { // test_map_buffersize
        for (int buffersize : new int[] {1, 2, 4, 8}) {
            assertEquals(List.of("0", "1", "2", "3"), drain(executor.map((Integer x) -> String.valueOf(x), range(4),
                    MapOptions.defaults().withBuffersize(buffersize))), "buffersize " + buffersize);
        }
    }

    @Test
    void buffersizeWorksOverTwoIterables() { // test_map_buffersize_on_multiple_iterables
        for (int buffersize : new int[] {1, 2, 4, 8}) {
            assertEquals(List.of(0, 2, 4, 6), drain(executor.map((Integer a, Integer b) -> a + b, range(4), range(4),
                    MapOptions.defaults().withBuffersize(buffersize))));
        }
    }

    private static Iterable<Integer> count() {
        return () -> Stream.iterate(0, n -> n + 1).iterator();
    }

    @Test
    void buffersizeMakesAnInfiniteInputLazy() { // test_map_buffersize_on_infinite_iterable
        try (MapIterator<String> res = executor.map((Integer x) -> String.valueOf(x), count(),
                MapOptions.defaults().withBuffersize(2))) {
            assertEquals("0", res.next());
            assertEquals("1", res.next());
            assertEquals("2", res.next());
        }
    }

    @Test
    void buffersizeMakesTwoInfiniteInputsLazy() { // test_map_buffersize_on_multiple_infinite_iterables
        try (MapIterator<Integer> res = executor.map((Integer a, Integer b) -> a + b, count(), count(),
                MapOptions.defaults().withBuffersize(2))) {
            assertEquals(0, res.next());
            assertEquals(2, res.next());
            assertEquals(4, res.next());
        }
    }

    @Test
    void buffersizeOverAnEmptyInputIsExhaustedAtOnce() { // test_map_buffersize_on_empty_iterable
        MapIterator<String> res = executor.map((Integer x) -> String.valueOf(x), List.of(),
                MapOptions.defaults().withBuffersize(2));
        assertFalse(res.hasNext());
    }

    @Test
    void buffersizePullsExactlyThatManyInputsWhileNothingIsConsumed() { // test_map_buffersize_when_buffer_is_full
        Iterator<Integer> ints = range(4).iterator();
        executor.map((Integer x) -> String.valueOf(x), () -> ints, MapOptions.defaults().withBuffersize(2));
        executor.shutdown(true);
        assertEquals(2, ints.next(), "should have fetched only buffersize elements from ints");
    }

    @Test
    void buffersizeKeepsSubmissionExactlyBuffersizeAheadOfTheConsumer() {
        AtomicInteger pulled = new AtomicInteger();
        Iterable<Integer> counted = () -> Stream.iterate(0, n -> n + 1).peek(n -> pulled.incrementAndGet()).iterator();
        try (MapIterator<Integer> res = executor.map((Integer x) -> x, counted, MapOptions.defaults().withBuffersize(3))) {
            assertEquals(3, pulled.get());
            for (int k = 1; k <= 50; k++) {
                assertEquals(k - 1, res.next());
                assertEquals(3 + k, pulled.get()); // one more submitted before waiting for the oldest
            }
        }
    }

    @Test
    void mapSubmitsEverythingBeforeReturning() { // test_thread_pool.py::test_map_submits_without_iteration
        AtomicInteger calls = new AtomicInteger();
        executor.map((Integer x) -> calls.incrementAndGet(), range(10));
        executor.shutdown(true);
        assertEquals(10, calls.get());
    }

    @Test
    void closingAfterAMapTimeoutCancelsQueuedCallsSoTheyNeverStart() { // test_executor_map_current_future_cancel
        try (TinyThreadExecutor single = new TinyThreadExecutor(1)) {
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch started = new CountDownLatch(1);
            single.submit(() -> {
                log.add("first started");
                started.countDown();
                release.await(20, TimeUnit.SECONDS);
                log.add("first stopped");
                return null;
            });
            assertTrue(awaitLatch(started));
            MapIterator<String> it = single.map((String name) -> {
                log.add(name + " started");
                return name;
            }, List.of("second", "third"), MapOptions.defaults().withTimeout(Duration.ZERO));
            assertThrows(FutureTimeoutException.class, it::next);
            it.close();
            release.countDown();
            single.shutdown(true);
            assertEquals(List.of("first started", "first stopped"), log);
        }
    }

    private static boolean awaitLatch(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theResultIteratorKeepsNoReferenceToYieldedResults() { // test_free_reference
        MapIterator<Object> it = executor.map((Integer x) -> new Object(), range(10));
        while (it.hasNext()) {
            WeakReference<Object> ref = new WeakReference<>(it.next());
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> {
                System.gc();
                return ref.get() == null;
            });
        }
    }

    @Test
    void twoIterablesStopAtTheShortest() {
        assertEquals(List.of(11, 22), drain(executor.map((Integer a, Integer b) -> a + b, List.of(1, 2, 3),
                List.of(10, 20))));
    }

    @Test
    void aSubmitFailingPartWayCancelsTheCallsAlreadySubmitted() {
        RecordingExecutor refusing = new RecordingExecutor(3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> refusing.map((Integer x) -> x, range(10)));
        assertEquals("cannot schedule new futures after shutdown", e.getMessage());
        assertEquals(3, refusing.futures.size());
        refusing.futures.forEach(f -> assertTrue(f.cancelled()));
    }

    @Test
    void aFailingBufferedInputCancelsWhatIsLeft() {
        RecordingExecutor recording = new RecordingExecutor();
        Iterable<Integer> failingAfterTwo = () -> Stream.of(0, 1, 2).map(n -> {
            if (n == 2) {
                throw new IllegalStateException("input broke");
            }
            return n;
        }).iterator();
        MapIterator<Integer> it = recording.map((Integer x) -> x, failingAfterTwo,
                MapOptions.defaults().withBuffersize(2));
        assertThrows(IllegalStateException.class, it::next);
        assertFalse(it.hasNext());
        recording.futures.forEach(f -> assertTrue(f.cancelled()));
    }

    @Test
    void aCancelledItemRaisesCancelledAndIterationContinues() {
        RecordingExecutor recording = new RecordingExecutor();
        MapIterator<Integer> it = recording.map((Integer x) -> x * 10, range(3));
        recording.futures.get(1).cancel();
        for (int i = 0; i < 3; i++) {
            recording.runTask(i);
        }
        assertEquals(0, it.next());
        assertThrows(CancelledException.class, it::next);
        assertEquals(20, it.next());
        assertFalse(it.hasNext());
    }
}

package dev.pyconcurrent.futures.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.FutureTimeoutException;
import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.ArgPair;
import dev.pyconcurrent.futures.pool.AsyncResult;
import dev.pyconcurrent.futures.pool.IMapIterator;
import dev.pyconcurrent.futures.pool.Pool;
import dev.pyconcurrent.futures.pool.PoolState;

/**
 * {@link ThreadPool} against the {@code multiprocessing.Pool} contract (conformance 1.15 and 2.7), ported from
 * CPython's {@code Lib/test/_test_multiprocessing.py} as {@code WithThreadsTestPool} runs it: {@code _TestPool}'s
 * {@code test_apply}, {@code test_map}, {@code test_starmap}, {@code test_starmap_async}, {@code test_map_async},
 * {@code test_map_async_callbacks}, {@code test_map_chunksize}, {@code test_map_handle_iterable_exception},
 * {@code test_async}, {@code test_async_timeout}, {@code test_imap}, {@code test_imap_handle_iterable_exception},
 * {@code test_imap_unordered}, {@code test_imap_unordered_handle_iterable_exception}, {@code test_make_pool},
 * {@code test_terminate}, {@code test_empty_iterable}, {@code test_context}, {@code test_wrapped_exception},
 * {@code test_map_no_failfast}, {@code test_release_task_refs}, {@code test_enter}; {@code _TestPoolWorkerErrors::
 * test_async_error_callback}; {@code TestInitializers::test_pool_initializer}; {@code MiscTestCase::test_large_pool};
 * and 2.7's {@code join()} in RUN and {@code successful()} before ready. Left out (process-only or N/A):
 * {@code test_map_unplicklable}, {@code test_traceback} (no remote traceback between threads),
 * {@code test_unpickleable_result}, {@code _TestPoolWorkerLifetime} (ThreadPool has no maxtasksperchild),
 * {@code TestPoolNotLeakOnFailure}, {@code test_resource_warning}, {@code test_pool_in_process}.
 */
@Timeout(30)
class ThreadPoolTest {
    private ThreadPool pool;

    @BeforeEach
    void createPool() {
        pool = new ThreadPool(4);
    }

    @AfterEach
    void terminatePool() {
        pool.terminate();
    }

    static int sqr(int x) {
        return x * x;
    }

    static int slowSqr(int x, int millis) {
        sleep(millis);
        return x * x;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final SerializableFunction<Integer, Integer> SQR = ThreadPoolTest::sqr;

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> squares(int n) {
        return range(n).stream().map(ThreadPoolTest::sqr).toList();
    }

    /** An input that raises after {@code failAt} items, CPython's {@code exception_throwing_generator}. */
    static Iterable<Integer> failingInput(int total, int failAt) {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < total;
            }

            @Override
            public Integer next() {
                if (i == failAt) {
                    throw new SpecialInputException();
                }
                return i++;
            }
        };
    }

    static final class SpecialInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void applyReturnsTheCallsResult() {
        assertEquals(25, pool.apply(SQR, 5));
        assertEquals(7, pool.apply((SerializableCallable<Integer>) () -> 7));
    }

    @Test
    void mapEqualsSequentialMapAlsoWithChunksize() {
        assertEquals(squares(10), pool.map(SQR, range(10)));
        assertEquals(squares(100), pool.map(SQR, range(100), 20));
    }

    @Test
    void starmapUnpacksArgumentPairsInOrder() {
        SerializableBiFunction<Integer, Integer, Integer> mul = (a, b) -> a * b;
        List<ArgPair<Integer, Integer>> pairs = range(10).stream().map(i -> ArgPair.of(i, i + 1)).toList();
        List<Integer> expected = range(10).stream().map(i -> i * (i + 1)).toList();
        assertEquals(expected, pool.starmap(mul, pairs));
        assertEquals(expected, pool.starmap(mul, pairs, 3));
        assertEquals(expected, pool.starmapAsync(mul, pairs, 3, null, null).get(Duration.ofSeconds(5)));
    }

    @Test
    void mapAsyncGetEqualsMap() {
        assertEquals(squares(10), pool.mapAsync(SQR, range(10)).get(Duration.ofSeconds(5)));
    }

    @Test
    void mapAsyncCallsExactlyOneCallbackOnce() {
        List<Object> calls = new CopyOnWriteArrayList<>();
        SerializableFunction<String, Integer> parse = Integer::parseInt;
        pool.mapAsync(parse, List.of("1"), null, calls::add, calls::add).await();
        assertEquals(List.of(List.of(1)), calls);
        calls.clear();
        pool.mapAsync(parse, List.of("X"), null, calls::add, calls::add).await();
        assertEquals(1, calls.size());
        assertInstanceOf(NumberFormatException.class, calls.get(0));
    }

    @Test
    void mapAsyncOverEmptyInputDoesNotStall() {
        assertEquals(List.of(), pool.mapAsync(SQR, List.<Integer>of(), 1, null, null).get(Duration.ofMillis(100)));
    }

    @Test
    void mapPropagatesAnInputErrorAndThePoolStaysUsable() {
        assertThrows(SpecialInputException.class, () -> pool.map(SQR, failingInput(10, 0)));
        assertThrows(SpecialInputException.class, () -> pool.map(SQR, failingInput(10, 5), 1));
        assertEquals(squares(10), pool.map(SQR, range(10)));
    }

    @Test
    void applyAsyncDeliversAfterTheCall() {
        SerializableBiFunction<Integer, Integer, Integer> slow = ThreadPoolTest::slowSqr;
        long t0 = System.nanoTime();
        AsyncResult<Integer> r = pool.applyAsync((SerializableCallable<Integer>) () -> slow.apply(7, 100));
        assertEquals(49, r.get(Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - t0 >= 90_000_000L);
        assertTrue(r.ready());
        assertTrue(r.successful());
    }

    @Test
    void asyncResultGetTimesOut() {
        AsyncResult<Integer> r = pool.applyAsync((SerializableCallable<Integer>) () -> slowSqr(6, 1000));
        long t0 = System.nanoTime();
        assertThrows(FutureTimeoutException.class, () -> r.get(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - t0 >= 90_000_000L);
        assertFalse(r.ready());
        assertThrows(IllegalStateException.class, r::successful);
    }

    @Test
    void imapYieldsInOrderThenStops() {
        IMapIterator<Integer> it = pool.imap(SQR, range(10));
        assertEquals(squares(10), drain(it));
        assertThrows(NoSuchElementException.class, it::next);
        IMapIterator<Integer> chunked = pool.imap(SQR, range(1000), 100);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i * i, chunked.next(Duration.ofSeconds(5)));
        }
        assertThrows(NoSuchElementException.class, chunked::next);
    }

    private static <T> List<T> drain(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void imapRaisesAnInputErrorAtItsPosition() {
        IMapIterator<Integer> it = pool.imap(SQR, failingInput(10, 0), 1);
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, it::next);
        assertInstanceOf(SpecialInputException.class, e.getCause());
        assertFalse(it.hasNext());

        it = pool.imap(SQR, failingInput(20, 7), 1);
        for (int i = 0; i < 7; i++) {
            assertEquals(i * i, it.next());
        }
        assertThrows(ExecutionFailedException.class, it::next);
        assertFalse(it.hasNext());
    }

    @Test
    void chunkedImapYieldsWholeChunksBeforeTheFailingOne() {
        for (int[] chunkAndYielded : new int[][] {{2, 6}, {4, 4}}) {
            IMapIterator<Integer> it = pool.imap(SQR, failingInput(20, 7), chunkAndYielded[0]);
            for (int i = 0; i < chunkAndYielded[1]; i++) {
                assertEquals(i * i, it.next());
            }
            assertThrows(ExecutionFailedException.class, it::next);
            assertFalse(it.hasNext());
        }
    }

    @Test
    void imapUnorderedYieldsTheSameMultiset() {
        assertEquals(Set.copyOf(squares(1000)), Set.copyOf(drain(pool.imapUnordered(SQR, range(1000)))));
        List<Integer> chunked = drain(pool.imapUnordered(SQR, range(1000), 53));
        assertEquals(1000, chunked.size());
        assertEquals(Set.copyOf(squares(1000)), Set.copyOf(chunked));
    }

    @Test
    void imapUnorderedSurfacesAnInputErrorEventually() {
        IMapIterator<Integer> it = pool.imapUnordered(SQR, failingInput(20, 10), 1);
        int yielded = 0;
        boolean raised = false;
        while (it.hasNext()) {
            try {
                it.next();
                yielded++;
            } catch (ExecutionFailedException e) {
                assertInstanceOf(SpecialInputException.class, e.getCause());
                raised = true;
            }
        }
        assertTrue(raised);
        assertEquals(10, yielded);
    }

    @Test
    void poolSizeIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadPool(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ThreadPool(0));
        assertTrue(e.getMessage().contains("Number of processes must be at least 1"), e.getMessage());
        ThreadPool three = new ThreadPool(3);
        try {
            assertEquals(3, three.processes());
            assertEquals(3, three.workerThreads().size());
        } finally {
            three.terminate();
        }
    }

    @Test
    void terminateDuringALongMapReturnsPromptlyAndJoinCompletes() {
        AsyncResult<List<Integer>> r = pool.mapAsync((SerializableFunction<Integer, Integer>) i -> {
            sleep(1);
            return i;
        }, range(10_000), 1, null, null);
        long t0 = System.nanoTime();
        pool.terminate();
        assertTrue(pool.join(Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        assertThrows(CancelledException.class, r::get); // Java: nothing hangs after terminate()
    }

    @Test
    void emptyInputsGiveEmptyResults() {
        assertEquals(List.of(), pool.map(SQR, List.of()));
        assertFalse(pool.imap(SQR, List.<Integer>of()).hasNext());
        assertFalse(pool.imapUnordered(SQR, List.<Integer>of()).hasNext());
        assertEquals(List.of(), pool.mapAsync(SQR, List.<Integer>of()).get());
    }

    @Test
    void tryWithResourcesTerminatesThePool() {
        ThreadPool p;
        try (ThreadPool inner = new ThreadPool(2)) {
            p = inner;
            assertEquals(squares(10), inner.mapAsync(SQR, range(10)).get());
        }
        assertEquals(PoolState.TERMINATE, p.state());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.mapAsync(SQR, range(10)));
        assertTrue(e.getMessage().contains("Pool not running"), e.getMessage());
    }

    @Test
    void threadPoolDoesNotWrapExceptions() {
        IllegalArgumentException boom = new IllegalArgumentException("raised");
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class,
                () -> pool.apply((SerializableCallable<Object>) () -> {
                    throw boom;
                }));
        assertSame(boom, e.getCause());
    }

    @Test
    void failedMapStillWaitsForTheOtherChunksBeforeJoin() {
        long t0 = System.nanoTime();
        SerializableFunction<Integer, Integer> f = i -> {
            if (i == 0) {
                throw new IllegalStateException("first chunk fails");
            }
            sleep(300);
            return i;
        };
        assertThrows(ExecutionFailedException.class, () -> pool.map(f, range(4), 1));
        pool.shutdown();
        assertTrue(pool.join(Duration.ofSeconds(10)));
        assertTrue(System.nanoTime() - t0 >= 290_000_000L, "map returned before every chunk came back");
    }

    @Test
    void poolKeepsNoReferenceToArgumentsOrResults() {
        WeakReference<Object> ref = mapAndForget();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return ref.get() == null;
        });
        assertEquals(0, pool.pendingJobs());
    }

    private WeakReference<Object> mapAndForget() {
        Object arg = new byte[1 << 20];
        List<Integer> out = pool.map((SerializableFunction<Object, Integer>) Object::hashCode, List.of(arg));
        assertEquals(1, out.size());
        return new WeakReference<>(arg);
    }

    @Test
    void terminatedPoolCannotBeUsedAgain() {
        pool.terminate();
        assertThrows(IllegalStateException.class, () -> pool.apply(SQR, 1));
        assertThrows(IllegalStateException.class, () -> pool.imap(SQR, range(3)));
    }

    @Test
    void applyAsyncErrorCallbackGetsTheException() {
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        AsyncResult<Object> r = pool.applyAsync((SerializableCallable<Object>) () -> {
            throw new java.util.NoSuchElementException("key");
        }, null, seen::add);
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, r::get);
        assertInstanceOf(NoSuchElementException.class, e.getCause());
        assertEquals(List.of(e.getCause()), seen);
        assertFalse(r.successful());
    }

    @Test
    void initializerRunsOncePerWorker() {
        Set<String> initialized = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        ThreadPool p = new ThreadPool(3, (String tag) -> {
            calls.incrementAndGet();
            initialized.add(Thread.currentThread().getName() + tag);
        }, "!");
        try {
            assertEquals(squares(50), p.map(SQR, range(50)));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 3);
            assertEquals(3, initialized.size());
        } finally {
            p.terminate();
        }
    }

    @Test
    void failingInitializerBreaksThePool() {
        ThreadPool p = new ThreadPool(2, () -> {
            throw new IllegalStateException("bad init");
        });
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                try {
                    p.applyAsync((SerializableCallable<Integer>) () -> 1);
                    return false;
                } catch (BrokenExecutorException e) {
                    return e.getCause() instanceof IllegalStateException;
                }
            });
        } finally {
            p.terminate();
        }
    }

    @Test
    void largePoolWorks() {
        ThreadPool p = new ThreadPool(200);
        try {
            long sum = p.map(SQR, range(1000)).stream().mapToLong(Integer::longValue).sum();
            assertEquals(332_833_500L, sum);
        } finally {
            p.terminate();
        }
    }

    @Test
    void joinWhileRunningIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::join);
        assertTrue(e.getMessage().contains("Pool is still running"));
    }

    @Test
    void closeStateMachineRunsQueuedWorkThenJoins() {
        AsyncResult<List<Integer>> r = pool.mapAsync(SQR, range(100), 5, null, null);
        pool.shutdown();
        assertEquals(PoolState.CLOSE, pool.state());
        assertThrows(IllegalStateException.class, () -> pool.apply(SQR, 1));
        assertTrue(pool.join(Duration.ofSeconds(10)));
        assertEquals(squares(100), r.get(Duration.ZERO));
        assertTrue(pool.workerThreads().stream().noneMatch(Thread::isAlive));
        pool.terminate();
        assertEquals(PoolState.TERMINATE, pool.state());
    }

    @Test
    void threadPoolIsAPool() {
        Pool asInterface = pool;
        assertEquals(List.of(0, 1, 4), asInterface.map(SQR, range(3)));
        assertNull(asInterface.applyAsync((SerializableCallable<Object>) () -> null).get());
    }
}

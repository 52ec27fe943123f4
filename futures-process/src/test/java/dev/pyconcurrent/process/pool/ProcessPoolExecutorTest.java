package dev.pyconcurrent.process.pool;

import static dev.pyconcurrent.process.pool.PoolTasks.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.FutureTimeoutException;
import dev.pyconcurrent.futures.MapIterator;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * The executor contract and the process-pool specifics on one shared 2-worker pool (one pair of JVM starts for the
 * class). Ports {@code Lib/test/test_concurrent_futures/executor.py::ExecutorTest}: {@code test_submit},
 * {@code test_submit_keyword} (positional part), {@code test_map}, {@code test_map_exception} (main semantics, also
 * with a chunksize), {@code test_map_timeout}, {@code test_map_close}, {@code test_map_buffersize},
 * {@code test_map_buffersize_on_multiple_iterables}, {@code test_map_buffersize_on_infinite_iterable},
 * {@code test_map_buffersize_on_multiple_infinite_iterables}, {@code test_map_buffersize_on_empty_iterable},
 * {@code test_map_buffersize_when_buffer_is_full}, {@code test_max_workers_negative},
 * {@code test_swallows_falsey_exceptions}; and {@code test_process_pool.py::ProcessPoolExecutorTest}:
 * {@code test_map_chunksize}, {@code test_traceback}. Pool-size and worker-replacement cases that need their own
 * pools are in {@link ProcessPoolWorkersTest}.
 */
@Timeout(60)
class ProcessPoolExecutorTest {
    private static ProcessPoolExecutor pool;

    @BeforeAll
    static void startPool() {
        pool = new ProcessPoolExecutor(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdown();
    }

    @Test
    void submitTwoArgumentFunctionComputesIt() { // test_submit: submit(pow, 2, 8)
        SerializableBiFunction<Integer, Integer, Integer> pow = (b, e) -> (int) Math.pow(b, e);
        assertEquals(256, pool.submit(pow, 2, 8).result(TIMEOUT));
    }

    @Test
    void submitOneArgumentAndZeroArgumentCallsRunInAWorker() { // test_submit_keyword (positional)
        assertEquals(49, pool.submit(PoolTasks.SQUARE, 7).result(TIMEOUT));
        long workerPid = pool.submit(PoolTasks.PID).result(TIMEOUT);
        assertTrue(workerPid != ProcessHandle.current().pid(), "the call ran in another process");
        assertTrue(pool.workerPids().contains(workerPid));
    }

    @Test
    void submitWithoutACallableIsRefused() { // test_submit_keyword: omitting the callable is an error
        assertThrows(NullPointerException.class, () -> pool.submit((dev.pyconcurrent.futures.function
                .SerializableCallable<Object>) null));
        assertThrows(NullPointerException.class, () -> pool.submit((SerializableFunction<Integer, Integer>) null, 1));
    }

    @Test
    void capturingLambdaTravelsWithItsState() {
        int base = 40;
        assertEquals(42, pool.submit(() -> base + 2).result(TIMEOUT));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void mapEqualsSequentialMap(int chunksize) { // test_map
        SerializableBiFunction<Integer, Integer, Integer> pow = (b, e) -> (int) Math.pow(b, e);
        List<Integer> range = IntStream.range(0, 10).boxed().collect(Collectors.toList());
        List<Integer> expected = range.stream().map(i -> (int) Math.pow(i, i)).collect(Collectors.toList());
        assertEquals(expected, drain(pool.map(pow, range, range, MapOptions.defaults().withChunksize(chunksize))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void mapExceptionFailsOnlyItsItemAndIterationContinues(int chunksize) { // test_map_exception (main)
        SerializableBiFunction<Integer, Integer, List<Integer>> divmod = (a, b) -> List.of(a / b, a % b);
        MapIterator<List<Integer>> it = pool.map(divmod, List.of(5, 5, 5, 5), List.of(2, 3, 0, 5),
                MapOptions.defaults().withChunksize(chunksize));
        assertEquals(List.of(2, 1), it.next());
        assertEquals(List.of(1, 2), it.next());
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, it::next);
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertEquals(List.of(1, 0), it.next());
        assertFalse(it.hasNext());
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 50, 40})
    void mapWithChunksizeKeepsInputOrder(int chunksize) { // test_map_chunksize
        List<Integer> range = IntStream.range(0, 100).boxed().collect(Collectors.toList());
        List<Integer> expected = range.stream().map(i -> i * i).collect(Collectors.toList());
        assertEquals(expected, drain(pool.map(PoolTasks.SQUARE, range, MapOptions.defaults().withChunksize(chunksize))));
    }

    @Test
    void chunksizeBelowOneIsRefused() { // test_map_chunksize: chunksize=-1 -> ValueError
        assertThrows(IllegalArgumentException.class, () -> MapOptions.defaults().withChunksize(-1));
    }

    @Test
    void mapTimeoutRaisesThenCancelsTheRest() { // test_map_timeout
        MapIterator<Integer> it = pool.map(PoolTasks.SLEEP_MS, List.of(0, 0, 3000),
                MapOptions.defaults().withTimeout(Duration.ofMillis(1000)));
        assertEquals(0, it.next());
        assertEquals(0, it.next());
        assertThrows(FutureTimeoutException.class, it::next);
        assertFalse(it.hasNext(), "the iterator is exhausted after the timeout");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void closingTheMapIteratorStopsIteration(int chunksize) { // test_map_close
        List<Integer> sleeps = List.of(0, 200, 200, 200, 200, 200);
        MapIterator<Integer> it = pool.map(PoolTasks.SLEEP_MS, sleeps, MapOptions.defaults().withChunksize(chunksize));
        assertEquals(0, it.next());
        it.close();
        assertFalse(it.hasNext());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 20})
    void mapWithBuffersizeGivesTheSameResults(int buffersize) { // test_map_buffersize
        List<Integer> range = IntStream.range(0, 10).boxed().collect(Collectors.toList());
        assertEquals(range.stream().map(i -> i * i).collect(Collectors.toList()),
                drain(pool.map(PoolTasks.SQUARE, range, MapOptions.defaults().withBuffersize(buffersize))));
    }

    @Test
    void mapWithBuffersizeZipsSeveralIterables() { // test_map_buffersize_on_multiple_iterables
        SerializableBiFunction<Integer, Integer, Integer> add = Integer::sum;
        List<Integer> range = IntStream.range(0, 10).boxed().collect(Collectors.toList());
        assertEquals(range.stream().map(i -> 2 * i).collect(Collectors.toList()),
                drain(pool.map(add, range, range, MapOptions.defaults().withBuffersize(2))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void mapWithBuffersizeOverAnInfiniteInputIsLazy(int chunksize) { // test_map_buffersize_on_infinite_iterable
        SerializableFunction<Integer, String> str = String::valueOf;
        MapIterator<String> it = pool.map(str, countFrom(0),
                MapOptions.defaults().withBuffersize(2).withChunksize(chunksize));
        assertEquals("0", it.next());
        assertEquals("1", it.next());
        assertEquals("2", it.next());
        it.close();
    }

    @Test
    void mapWithBuffersizeOverTwoInfiniteInputs() { // test_map_buffersize_on_multiple_infinite_iterables
        SerializableBiFunction<Integer, Integer, Integer> add = Integer::sum;
        MapIterator<Integer> it = pool.map(add, countFrom(0), countFrom(0), MapOptions.defaults().withBuffersize(2));
        assertEquals(0, it.next());
        assertEquals(2, it.next());
        assertEquals(4, it.next());
        it.close();
    }

    @Test
    void mapWithBuffersizeOverEmptyInputIsExhausted() { // test_map_buffersize_on_empty_iterable
        assertFalse(pool.map(PoolTasks.SQUARE, List.<Integer>of(), MapOptions.defaults().withBuffersize(2)).hasNext());
    }

    @Test
    void mapWithFullBufferPullsExactlyBuffersizeInputs() { // test_map_buffersize_when_buffer_is_full
        Iterator<Integer> ints = counter(0);
        Iterable<Integer> once = () -> ints;
        MapIterator<Integer> it = pool.map(PoolTasks.SQUARE, once, MapOptions.defaults().withBuffersize(2));
        assertEquals(2, ints.next(), "exactly buffersize inputs were pulled ahead");
        it.close();
    }

    @Test
    void nonPositiveMaxWorkersIsRefused() { // test_max_workers_negative
        for (int bad : new int[] {0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ProcessPoolExecutor(bad));
            assertTrue(e.getMessage().contains("maxWorkers must be greater than 0"), e.getMessage());
        }
    }

    @Test
    void exceptionWithoutMessageIsStillRaised() { // test_swallows_falsey_exceptions (Java: null message)
        Future<Object> f = pool.submit(() -> {
            throw new IllegalStateException();
        });
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertNull(e.getCause().getMessage());
    }

    @Test
    void remoteExceptionKeepsTypeMessageAndRemoteTrace() { // test_traceback
        Future<Object> f = pool.submit(PoolTasksRaise::raise123);
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT));
        Throwable remote = e.getCause();
        assertInstanceOf(IllegalArgumentException.class, remote);
        assertEquals("123", remote.getMessage());
        RemoteTraceback trace = assertInstanceOf(RemoteTraceback.class, remote.getCause());
        assertTrue(trace.remoteTrace().contains("PoolTasksRaise.raise123"), trace.remoteTrace());
        assertTrue(remote.getStackTrace().length > 0, "the remote frames travel too");
    }

    @Test
    void unserializableArgumentFailsThatFutureOnly() { // test_error_at_task_pickle (pool goes on)
        Object notSerializable = new Object();
        SerializableFunction<Object, String> describe = String::valueOf;
        Future<String> f = pool.submit(describe, notSerializable);
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT));
        assertTrue(e.getCause().getMessage().contains("java.lang.Object"), e.getCause().getMessage());
        assertEquals(4, pool.submit(PoolTasks.SQUARE, 2).result(TIMEOUT), "the pool goes on");
    }

    @Test
    void unserializableResultFailsThatFutureOnly() { // test_error_during_result_pickle_on_worker
        Future<Object> f = pool.submit(() -> new Object());
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> f.result(TIMEOUT));
        assertTrue(e.getCause().getMessage().contains("java.lang.Object"), e.getCause().getMessage());
        assertEquals(9, pool.submit(PoolTasks.SQUARE, 3).result(TIMEOUT));
    }

    @Test
    void executeRunsARunnableInAWorker() throws Exception { // java.util.concurrent.Executor interop
        dev.pyconcurrent.ipc.queues.Queue<Long> queue = new dev.pyconcurrent.ipc.queues.Queue<>();
        try {
            pool.execute((Runnable & java.io.Serializable) () -> {
                try {
                    queue.put(ProcessHandle.current().pid());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long pid = queue.get(TIMEOUT);
            assertNotEquals(ProcessHandle.current().pid(), pid, "it ran in a worker");
        } finally {
            queue.close();
        }
    }

    @Test
    void finishedFutureStaysFinished() { // confuse a finished object
        Future<Integer> f = pool.submit(PoolTasks.SQUARE, 5);
        assertEquals(25, f.result(TIMEOUT));
        assertFalse(f.cancel(true), "cancel(true) on a finished future does nothing");
        assertFalse(f.cancel());
        assertEquals(25, f.result());
        assertFalse(f.cancelled());
        assertEquals(7, pool.submit(PoolTasks.PLUS_ONE, 6).result(TIMEOUT), "and no worker was killed for it");
    }

    @Test
    void cancelledPendingFutureRaisesCancelled() {
        List<Future<Integer>> blockers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            blockers.add(pool.submit(PoolTasks.SLEEP_MS, 100));
        }
        Future<Integer> last = pool.submit(PoolTasks.SQUARE, 3);
        if (last.cancel()) {
            assertThrows(CancelledException.class, last::result);
        } else {
            assertEquals(9, last.result(TIMEOUT)); // it had already been moved into the call queue
        }
        for (Future<Integer> b : blockers) {
            assertEquals(100, b.result(TIMEOUT));
        }
    }

    @Test
    void manyThreadsSubmittingConcurrentlyAllGetTheirResults() throws Exception { // bounded bash test
        int threads = 4;
        int perThread = 300;
        ExecutorService submitters = Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread;
                sums.add(submitters.submit(() -> {
                    List<Future<Integer>> fs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        fs.add(pool.submit(PoolTasks.PLUS_ONE, offset + i));
                    }
                    long sum = 0;
                    for (Future<Integer> f : fs) {
                        sum += f.result(TIMEOUT);
                    }
                    return sum;
                }));
            }
            long total = 0;
            for (java.util.concurrent.Future<Long> s : sums) {
                total += s.get(30, TimeUnit.SECONDS);
            }
            long n = (long) threads * perThread;
            assertEquals(n * (n - 1) / 2 + n, total);
        } finally {
            submitters.shutdownNow();
        }
    }

    @Test
    void resultsOfMixedTypesTravelBack() {
        Set<Object> seen = new HashSet<>();
        seen.add(pool.submit(() -> 1L).result(TIMEOUT));
        seen.add(pool.submit(() -> 2.5).result(TIMEOUT));
        seen.add(pool.submit(() -> "three").result(TIMEOUT));
        seen.add(pool.submit(() -> Boolean.TRUE).result(TIMEOUT));
        seen.add(pool.submit(() -> List.of(4, 5)).result(TIMEOUT));
        assertNull(pool.submit(() -> null).result(TIMEOUT));
        assertEquals(Set.of(1L, 2.5, "three", true, List.of(4, 5)), seen);
        assertNotNull(pool.toString());
    }

    @Test
    void taskCanUseAQueueHostedByTheParent() throws Exception { // the worker inherits the process authkey
        dev.pyconcurrent.ipc.queues.Queue<Integer> queue = new dev.pyconcurrent.ipc.queues.Queue<>();
        try {
            SerializableFunction<dev.pyconcurrent.ipc.queues.Queue<Integer>, Integer> putSeven = q -> {
                try {
                    q.put(7);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 1;
            };
            assertEquals(1, pool.submit(putSeven, queue).result(TIMEOUT));
            assertEquals(7, queue.get(TIMEOUT));
        } finally {
            queue.close();
        }
    }

    private static <T> List<T> drain(MapIterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static Iterable<Integer> countFrom(int start) {
        Iterator<Integer> it = counter(start);
        return () -> it;
    }

    private static Iterator<Integer> counter(int start) {
        return new Iterator<>() {
            private int next = start;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return next++;
            }
        };
    }
}

package dev.pyconcurrent.process.mppool;

import static dev.pyconcurrent.process.mppool.MpTasks.SQR;
import static dev.pyconcurrent.process.mppool.MpTasks.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.FutureTimeoutException;
import dev.pyconcurrent.futures.function.SerializableBiFunction;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.ArgPair;
import dev.pyconcurrent.futures.pool.AsyncResult;
import dev.pyconcurrent.futures.pool.IMapIterator;
import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.process.pool.RemoteTraceback;

/**
 * {@link ProcessPool} against the {@code multiprocessing.Pool} contract (conformance 1.15 and 2.7) with real worker
 * JVMs, one pool of three shared by every test here (the tests leave it running). Ports CPython's
 * {@code Lib/test/_test_multiprocessing.py::_TestPool} as {@code WithProcessesTestPool} runs it: {@code test_apply},
 * {@code test_map}, {@code test_starmap}, {@code test_starmap_async}, {@code test_map_async},
 * {@code test_map_async_callbacks}, {@code test_map_unplicklable}, {@code test_map_chunksize},
 * {@code test_map_handle_iterable_exception}, {@code test_async}, {@code test_async_timeout}, {@code test_imap},
 * {@code test_imap_handle_iterable_exception}, {@code test_imap_unordered},
 * {@code test_imap_unordered_handle_iterable_exception}, {@code test_empty_iterable}, {@code test_traceback},
 * {@code test_release_task_refs}. The
 * tests that close or terminate a pool are in {@link ProcessPoolLifecycleTest}. Plus: tasks really run in other
 * processes named {@code PoolWorker-N}, and a done result stays done.
 */
@Timeout(60)
class ProcessPoolTest {
    private static ProcessPool pool;

    @BeforeAll
    static void startPool() {
        pool = new ProcessPool(3);
    }

    @AfterAll
    static void terminatePool() {
        pool.terminate();
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static List<Integer> squares(int n) {
        return range(n).stream().map(x -> x * x).toList();
    }

    static <T> List<T> drain(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void applyReturnsTheCallsResult() { // test_apply
        assertEquals(25, pool.apply(SQR, 5));
        assertEquals(7, pool.apply((SerializableCallable<Integer>) () -> 7));
    }

    @Test
    void mapEqualsSequentialMapAlsoWithChunksize() { // test_map
        assertEquals(squares(10), pool.map(SQR, range(10)));
        assertEquals(squares(100), pool.map(SQR, range(100), 20));
    }

    @Test
    void starmapUnpacksArgumentPairsInOrder() { // test_starmap, test_starmap_async
        SerializableBiFunction<Integer, Integer, Integer> mul = (a, b) -> a * b;
        List<ArgPair<Integer, Integer>> pairs = range(10).stream().map(i -> ArgPair.of(i, i + 1)).toList();
        List<Integer> expected = range(10).stream().map(i -> i * (i + 1)).toList();
        assertEquals(expected, pool.starmap(mul, pairs));
        assertEquals(expected, pool.starmap(mul, pairs, 3));
        assertEquals(expected, pool.starmapAsync(mul, pairs, 3, null, null).get(TIMEOUT));
    }

    @Test
    void mapAsyncGetEqualsMap() { // test_map_async
        assertEquals(squares(10), pool.mapAsync(SQR, range(10)).get(TIMEOUT));
    }

    @Test
    void mapAsyncCallsExactlyOneCallbackOnce() { // test_map_async_callbacks
        List<Object> calls = new CopyOnWriteArrayList<>();
        SerializableFunction<String, Integer> parse = Integer::parseInt;
        assertTrue(pool.mapAsync(parse, List.of("1"), null, calls::add, calls::add).await(TIMEOUT));
        assertEquals(List.of(List.of(1)), calls);
        calls.clear();
        assertTrue(pool.mapAsync(parse, List.of("X"), null, calls::add, calls::add).await(TIMEOUT));
        assertEquals(1, calls.size());
        assertInstanceOf(NumberFormatException.class, calls.get(0));
    }

    @Test
    void mapWithAnUnserializableArgumentRaisesThatErrorAndDoesNotHang() { // test_map_unplicklable
        List<Object> inputs = List.of(1, new MpTasks.Unserializable(), 3);
        SerializableFunction<Object, Object> identity = x -> x;
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class,
                () -> pool.mapAsync(identity, inputs, 1, null, null).get(TIMEOUT));
        assertInstanceOf(SerializationException.class, e.getCause());
        assertEquals(squares(5), pool.map(SQR, range(5)), "the pool stays usable");
    }

    @Test
    void mapAsyncOverEmptyInputDoesNotStall() { // test_map_chunksize
        assertEquals(List.of(), pool.mapAsync(SQR, List.<Integer>of(), 1, null, null).get(Duration.ofMillis(100)));
    }

    @Test
    void mapPropagatesAnInputErrorAndThePoolStaysUsable() { // test_map_handle_iterable_exception
        assertThrows(MpTasks.SayWhenException.class, () -> pool.map(SQR, MpTasks.throwingAt(10, 0)));
        assertThrows(MpTasks.SayWhenException.class, () -> pool.map(SQR, MpTasks.throwingAt(10, 5), 1));
        assertEquals(squares(10), pool.map(SQR, range(10)));
    }

    @Test
    void mapPropagatesAnInputErrorFromASizedInputToo() { // test_map_handle_iterable_exception, SpecialIterable
        // A sized input takes the other path: its size sets the default chunksize before any item is read.
        java.util.Collection<Integer> sized = new java.util.AbstractCollection<>() {
            @Override
            public java.util.Iterator<Integer> iterator() {
                return MpTasks.throwingAt(10, 5).iterator();
            }

            @Override
            public int size() {
                return 10;
            }
        };
        assertThrows(MpTasks.SayWhenException.class, () -> pool.map(SQR, sized));
        assertThrows(MpTasks.SayWhenException.class, () -> pool.map(SQR, sized, 1));
        assertEquals(squares(10), pool.map(SQR, range(10)));
    }

    @Test
    void applyAsyncDeliversAfterTheCall() { // test_async
        long t0 = System.nanoTime();
        AsyncResult<Integer> r = pool.applyAsync(MpTasks.sqrAfter(100), 7);
        assertEquals(49, r.get(TIMEOUT));
        assertTrue(System.nanoTime() - t0 >= 90_000_000L);
        assertTrue(r.ready());
        assertTrue(r.successful());
    }

    @Test
    void asyncResultGetTimesOut() { // test_async_timeout
        AsyncResult<Integer> r = pool.applyAsync(MpTasks.sqrAfter(1000), 6);
        long t0 = System.nanoTime();
        assertThrows(FutureTimeoutException.class, () -> r.get(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - t0 >= 90_000_000L);
        assertFalse(r.ready());
        assertThrows(IllegalStateException.class, r::successful);
        assertEquals(36, r.get(TIMEOUT));
    }

    @Test
    void imapYieldsInOrderThenStops() { // test_imap
        IMapIterator<Integer> it = pool.imap(SQR, range(10));
        assertEquals(squares(10), drain(it));
        assertThrows(NoSuchElementException.class, it::next);
        IMapIterator<Integer> chunked = pool.imap(SQR, range(1000), 100);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i * i, chunked.next(TIMEOUT));
        }
        assertThrows(NoSuchElementException.class, chunked::next);
    }

    @Test
    void imapRaisesAnInputErrorAtItsPosition() { // test_imap_handle_iterable_exception
        IMapIterator<Integer> it = pool.imap(SQR, MpTasks.throwingAt(10, 0), 1);
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, it::next);
        assertInstanceOf(MpTasks.SayWhenException.class, e.getCause());
        assertFalse(it.hasNext());

        it = pool.imap(SQR, MpTasks.throwingAt(20, 7), 1);
        for (int i = 0; i < 7; i++) {
            assertEquals(i * i, it.next(TIMEOUT));
        }
        IMapIterator<Integer> seven = it;
        assertThrows(ExecutionFailedException.class, () -> seven.next(TIMEOUT));
        assertFalse(it.hasNext());
    }

    @Test
    void chunkedImapYieldsWholeChunksBeforeTheFailingOne() { // test_imap_handle_iterable_exception (chunks)
        for (int[] chunkAndYielded : new int[][] {{2, 6}, {4, 4}}) {
            IMapIterator<Integer> it = pool.imap(SQR, MpTasks.throwingAt(20, 7), chunkAndYielded[0]);
            for (int i = 0; i < chunkAndYielded[1]; i++) {
                assertEquals(i * i, it.next(TIMEOUT));
            }
            ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> it.next(TIMEOUT));
            assertInstanceOf(MpTasks.SayWhenException.class, e.getCause());
            assertFalse(it.hasNext());
        }
    }

    @Test
    void imapUnorderedYieldsTheSameMultiset() { // test_imap_unordered
        assertEquals(Set.copyOf(squares(1000)), Set.copyOf(drain(pool.imapUnordered(SQR, range(1000)))));
        List<Integer> chunked = drain(pool.imapUnordered(SQR, range(1000), 53));
        assertEquals(1000, chunked.size());
        assertEquals(Set.copyOf(squares(1000)), Set.copyOf(chunked));
    }

    @Test
    void imapUnorderedSurfacesAnInputErrorEventually() { // test_imap_unordered_handle_iterable_exception
        IMapIterator<Integer> it = pool.imapUnordered(SQR, MpTasks.throwingAt(20, 10), 1);
        int yielded = 0;
        boolean raised = false;
        while (it.hasNext()) {
            try {
                it.next(TIMEOUT);
                yielded++;
            } catch (ExecutionFailedException e) {
                assertInstanceOf(MpTasks.SayWhenException.class, e.getCause());
                raised = true;
            }
        }
        assertTrue(raised);
        assertEquals(10, yielded);
    }

    @Test
    void emptyInputsGiveEmptyResults() { // test_empty_iterable
        assertEquals(List.of(), pool.map(SQR, List.of()));
        assertFalse(pool.imap(SQR, List.<Integer>of()).hasNext());
        assertFalse(pool.imapUnordered(SQR, List.<Integer>of()).hasNext());
        assertEquals(List.of(), pool.mapAsync(SQR, List.<Integer>of()).get(TIMEOUT));
    }

    @Test
    void remoteExceptionKeepsItsTypeWithTheRemoteTraceAsCause() { // test_traceback (task part)
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> pool.apply(MpTasks.RAISE, 3));
        MpTasks.KeyLikeException remote = assertInstanceOf(MpTasks.KeyLikeException.class, e.getCause());
        assertEquals("key 3", remote.getMessage());
        RemoteTraceback trace = assertInstanceOf(RemoteTraceback.class, remote.getCause());
        assertTrue(trace.remoteTrace().contains("MpTasks.lambda$"), trace.remoteTrace());
        assertTrue(trace.getMessage().startsWith("\n\"\"\"\n"), "quoted as CPython's RemoteTraceback");
    }

    @Test
    void anInputErrorIsNotWrapped() { // test_traceback (input part)
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class,
                () -> pool.imap(SQR, MpTasks.throwingAt(3, 1)).forEachRemaining(x -> { }));
        MpTasks.SayWhenException input = assertInstanceOf(MpTasks.SayWhenException.class, e.getCause());
        assertNull(input.getCause(), "raised in this JVM: no remote traceback");
    }

    @Test
    void tasksRunInWorkerProcessesNamedPoolWorkerN() {
        List<Long> pids = pool.map((SerializableFunction<Integer, Long>) x -> {
            MpTasks.sleep(20);
            return ProcessHandle.current().pid();
        }, range(12), 1);
        assertFalse(pids.contains(ProcessHandle.current().pid()));
        assertTrue(pool.workerPids().containsAll(new HashSet<>(pids)), pids + " vs " + pool.workerPids());
        assertEquals(3, pool.workerNames().size());
        assertTrue(pool.workerNames().stream().allMatch(n -> n.matches("PoolWorker-\\d+")), pool.workerNames().toString());
    }

    @Test
    void thePoolKeepsNoReferenceToArgumentsOrResults() { // test_release_task_refs
        List<WeakReference<Object>> refs = mapAndForget();
        Awaitility.await().atMost(TIMEOUT).until(() -> {
            System.gc();
            return refs.stream().allMatch(r -> r.get() == null);
        });
    }

    private static List<WeakReference<Object>> mapAndForget() {
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            args.add(new ArrayList<>(List.of(i, "payload " + i)));
        }
        SerializableFunction<Object, Object> echo = x -> x;
        List<Object> results = pool.map(echo, args, 2);
        assertEquals(args, results);
        List<WeakReference<Object>> refs = new ArrayList<>();
        args.forEach(a -> refs.add(new WeakReference<>(a)));
        results.forEach(r -> refs.add(new WeakReference<>(r)));
        return refs;
    }

    @Test
    void aDoneResultStaysDone() {
        AsyncResult<Integer> r = pool.applyAsync(SQR, 9);
        assertEquals(81, r.get(TIMEOUT));
        // Try to confuse it: more work, a failing job, a second get; nothing may change the delivered outcome.
        assertThrows(ExecutionFailedException.class, () -> pool.apply(MpTasks.RAISE, 1));
        pool.map(SQR, range(20));
        assertTrue(r.ready());
        assertTrue(r.successful());
        assertEquals(81, r.get(Duration.ZERO));
        assertTrue(r.await(Duration.ZERO));
        assertNotEquals(0, pool.processes());
    }
}

package dev.pyconcurrent.futures.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.FutureTimeoutException;

/**
 * The pool result objects on their own, driven the way a pool's workers drive them (CPython's {@code _set(i, (ok,
 * value))}). Covers the {@code ApplyResult}/{@code MapResult}/{@code IMapIterator} rules that
 * {@code _test_multiprocessing.py::_TestPool} checks through a pool ({@code test_async_timeout},
 * {@code test_map_async_callbacks}, {@code test_map_no_failfast}, {@code test_empty_iterable}), plus a bash stress
 * and finished-object tests. The pools' own tests live in their modules.
 */
@Timeout(30)
class PoolResultsTest {
    private final Map<Long, JobResult> cache = new ConcurrentHashMap<>();

    @Test
    void applyResultRunsTheCallbackBeforeItIsReady() {
        List<String> seen = new CopyOnWriteArrayList<>();
        ApplyResult<String> r = new ApplyResult<>(1, cache, v -> {
            seen.add("callback " + v);
        }, null);
        assertEquals(r, cache.get(1L));
        r.set(0, true, "x");
        assertTrue(r.ready());
        assertEquals(List.of("callback x"), seen);
        assertEquals("x", r.get());
        assertTrue(cache.isEmpty(), "a ready result leaves the cache");
    }

    @Test
    void applyResultThatRaisedThrowsFromGetAndCallsTheErrorCallback() {
        List<Throwable> seen = new ArrayList<>();
        ApplyResult<String> r = new ApplyResult<>(2, cache, null, seen::add);
        IllegalStateException boom = new IllegalStateException("boom");
        r.set(0, false, boom);
        assertEquals(List.of(boom), seen);
        assertFalse(r.successful());
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, r::get);
        assertEquals(boom, e.getCause());
    }

    @Test
    void throwingCallbackStillLeavesTheResultReady() {
        ApplyResult<String> r = new ApplyResult<>(3, cache, v -> {
            throw new IllegalArgumentException("bad callback");
        }, null);
        r.set(0, true, "v");
        assertTrue(r.ready());
        assertEquals("v", r.get(Duration.ZERO));
    }

    @Test
    void getTimesOutAndSuccessfulBeforeReadyIsRefused() {
        ApplyResult<String> r = new ApplyResult<>(4, cache, null, null);
        assertThrows(FutureTimeoutException.class, () -> r.get(Duration.ofMillis(50)));
        assertFalse(r.await(Duration.ofMillis(10)));
        assertThrows(IllegalStateException.class, r::successful);
    }

    @Test
    void mapResultKeepsTheFirstFailureAndWaitsForEveryChunk() {
        List<Object> calls = new ArrayList<>();
        MapResult<Integer> r = new MapResult<>(5, cache, 2, 6, calls::add, calls::add);
        IllegalStateException first = new IllegalStateException("first");
        r.set(1, false, first);
        assertFalse(r.ready(), "not ready while chunks are out (issue 23992)");
        r.set(0, false, new IllegalStateException("second"));
        r.set(2, true, List.of(4, 5));
        assertTrue(r.ready());
        assertEquals(List.of(first), calls);
        assertEquals(first, assertThrows(ExecutionFailedException.class, r::get).getCause());
    }

    @Test
    void mapResultAssemblesChunksInInputOrder() {
        MapResult<Integer> r = new MapResult<>(6, cache, 2, 5, null, null);
        assertEquals(3, r.chunkCount());
        r.set(2, true, List.of(4));
        r.set(0, true, List.of(0, 1));
        r.set(1, true, List.of(2, 3));
        assertEquals(List.of(0, 1, 2, 3, 4), r.get(Duration.ZERO));
    }

    @Test
    void emptyMapResultIsReadyAtOnce() {
        List<Object> calls = new ArrayList<>();
        MapResult<Integer> r = new MapResult<>(7, cache, 0, 0, calls::add, null);
        assertTrue(r.ready());
        assertEquals(List.of(), r.get(Duration.ZERO));
        assertEquals(List.of(List.of()), calls);
        assertTrue(cache.isEmpty());
    }

    @Test
    void imapIteratorYieldsInOrderWhateverTheArrivalOrder() {
        IMapIterator<String> it = new IMapIterator<>(8, cache, false);
        it.set(2, true, "c");
        it.set(1, true, "b");
        assertThrows(FutureTimeoutException.class, () -> it.next(Duration.ofMillis(20)));
        it.set(0, true, "a");
        it.setLength(3);
        assertEquals(List.of("a", "b", "c"), List.of(it.next(), it.next(), it.next()));
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertTrue(cache.isEmpty());
    }

    @Test
    void imapUnorderedYieldsInArrivalOrderAndFlattensChunks() {
        IMapIterator<Integer> it = new IMapUnorderedIterator<>(9, cache, true);
        it.set(1, true, List.of(3, 4));
        it.set(0, false, new IllegalStateException("chunk 0"));
        it.setLength(2);
        assertEquals(3, it.next());
        assertEquals(4, it.next());
        assertThrows(ExecutionFailedException.class, it::next);
        assertFalse(it.hasNext());
    }

    @Test
    void abortedIteratorRaisesCancelledOnceThenEnds() {
        IMapIterator<Integer> it = new IMapIterator<>(10, cache, false);
        it.set(0, true, 1);
        it.abort(new CancelledException("terminated"));
        assertEquals(1, it.next());
        assertTrue(it.hasNext());
        assertThrows(CancelledException.class, it::next);
        assertFalse(it.hasNext());
        it.set(1, true, 2); // late deliveries are ignored
        assertFalse(it.hasNext());
    }

    @Test
    void decidedResultsStayDecided() {
        ApplyResult<Integer> r = new ApplyResult<>(11, cache, null, null);
        r.set(0, true, 1);
        r.set(0, true, 2);
        r.abort(new CancelledException("late"));
        assertEquals(1, r.get());
        assertTrue(r.successful());
        MapResult<Integer> m = new MapResult<>(12, cache, 1, 1, null, null);
        m.set(0, true, List.of(5));
        m.set(0, false, new IllegalStateException("late"));
        m.abort(new CancelledException("late"));
        assertEquals(List.of(5), m.get());
    }

    @Test
    void concurrentDeliveriesToOneIteratorLoseNothing() throws InterruptedException {
        int tasks = 20_000;
        IMapIterator<Integer> it = new IMapIterator<>(13, cache, false);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i; (i = next.getAndIncrement()) < tasks; ) {
                    it.set(i, true, i);
                }
            });
            producers.add(t);
            t.start();
        }
        go.countDown();
        it.setLength(tasks);
        for (int i = 0; i < tasks; i++) {
            assertEquals(i, it.next(Duration.ofSeconds(10)));
        }
        assertFalse(it.hasNext());
        for (Thread t : producers) {
            t.join(5_000);
        }
        assertInstanceOf(IMapIterator.class, it.iterator());
    }
}

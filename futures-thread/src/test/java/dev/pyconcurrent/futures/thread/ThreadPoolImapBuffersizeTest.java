package dev.pyconcurrent.futures.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.IMapIterator;

/**
 * {@link ThreadPool}'s {@code imap}/{@code imapUnordered} with CPython main's {@code buffersize} (gh-64192, PR
 * gh-136871; 3.15+, older releases have no {@code buffersize}). Ports the behaviour of {@code _TestPool}'s
 * {@code test_imap_and_imap_unordered_when_buffer_is_full} and
 * {@code test_imap_and_imap_unordered_with_buffersize_when_buffer_is_full} (only {@code buffersize} tasks pulled
 * while nothing is consumed), and of the PR's infinite-iterable, buffersize-validation and empty-input tests, plus
 * {@code test_imap_handle_iterable_exception} with a buffer, and {@code Executor.map}'s
 * {@code test_map_buffersize} rows (same results for buffersize 1, 2, n, 2n). Java additions: a job queued behind
 * a full buffer still runs; terminate, close and shutdown with a parked job; a bash stress over one pool.
 */
@Timeout(30)
class ThreadPoolImapBuffersizeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SerializableFunction<Integer, Integer> SQR = x -> x * x;

    private ThreadPool pool;

    @BeforeEach
    void createPool() {
        pool = new ThreadPool(4);
    }

    @AfterEach
    void terminatePool() {
        pool.terminate();
    }

    /** 0, 1, 2, ... up to {@code total} (or forever if negative), counting the items read. */
    static Iterable<Integer> counting(AtomicInteger read, int total) {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return total < 0 || read.get() < total;
            }

            @Override
            public Integer next() {
                return read.getAndIncrement();
            }
        };
    }

    private IMapIterator<Integer> lazy(boolean ordered, Iterable<Integer> items, int chunksize, Integer buffersize) {
        return ordered ? pool.imap(SQR, items, chunksize, buffersize)
                : pool.imapUnordered(SQR, items, chunksize, buffersize);
    }

    /**
     * Waits until the task handler has dealt with every job queued so far: it forwards jobs in queue order, so once
     * a job queued now has run, every earlier buffered job was read up to its full buffer.
     */
    private void awaitTaskHandler() {
        assertEquals("ok", pool.applyAsync(() -> "ok").get(WAIT));
    }

    private static List<Integer> squares(int n) {
        return IntStream.range(0, n).map(i -> i * i).boxed().toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 20})
    void imapWithAnyBuffersizeYieldsTheSameResultsInOrder(int buffersize) {
        IMapIterator<Integer> it = pool.imap(SQR, IntStream.range(0, 10).boxed().toList(), 1, buffersize);
        List<Integer> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next(WAIT));
        }
        assertEquals(squares(10), out);
    }

    @Test
    void chunkedImapWithBuffersizeYieldsTheSameResultsInOrder() {
        List<Integer> out = new ArrayList<>();
        pool.imap(SQR, IntStream.range(0, 100).boxed().toList(), 7, 2).forEachRemaining(out::add);
        assertEquals(squares(100), out);
    }

    @Test
    void imapUnorderedWithBuffersizeYieldsTheSameMultiset() {
        List<Integer> out = new ArrayList<>();
        pool.imapUnordered(SQR, IntStream.range(0, 100).boxed().toList(), 3, 2).forEachRemaining(out::add);
        assertEquals(100, out.size());
        assertEquals(Set.copyOf(squares(100)), Set.copyOf(out));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void infiniteInputWithBuffersizeYieldsWithoutHanging(boolean ordered) {
        IMapIterator<Integer> it = lazy(ordered, counting(new AtomicInteger(), -1), 1, 2);
        Set<Integer> firstThree = Set.of(it.next(WAIT), it.next(WAIT), it.next(WAIT));
        if (ordered) {
            assertEquals(Set.of(0, 1, 4), firstThree);
        } else {
            assertEquals(3, firstThree.size());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void unconsumedIteratorPullsExactlyBuffersizeInputs(boolean ordered) {
        AtomicInteger read = new AtomicInteger();
        lazy(ordered, counting(read, -1), 1, 2);
        awaitTaskHandler();
        assertEquals(2, read.get());
    }

    @Test
    void inputShorterThanTheBufferIsPulledWhole() {
        AtomicInteger read = new AtomicInteger();
        IMapIterator<Integer> it = pool.imap(SQR, counting(read, 3), 1, 5);
        awaitTaskHandler();
        assertEquals(3, read.get());
        assertEquals(List.of(0, 1, 4), List.of(it.next(), it.next(), it.next()));
        assertFalse(it.hasNext());
    }

    @Test
    void chunkedBufferCountsChunksNotItems() {
        AtomicInteger read = new AtomicInteger();
        pool.imap(SQR, counting(read, -1), 3, 2);
        awaitTaskHandler();
        assertEquals(6, read.get());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void consumingOneResultLetsOneMoreInputIn(boolean ordered) {
        AtomicInteger read = new AtomicInteger();
        IMapIterator<Integer> it = lazy(ordered, counting(read, -1), 1, 2);
        awaitTaskHandler();
        it.next(WAIT);
        awaitTaskHandler();
        assertEquals(3, read.get());
    }

    @Test
    void inputErrorStillSurfacesInOrder() {
        IMapIterator<Integer> it = pool.imap(SQR, ThreadPoolTest.failingInput(20, 7), 1, 2);
        for (int i = 0; i < 7; i++) {
            assertEquals(i * i, it.next(WAIT));
        }
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> it.next(WAIT));
        assertInstanceOf(ThreadPoolTest.SpecialInputException.class, e.getCause());
        assertFalse(it.hasNext());
    }

    @Test
    void emptyInputWithBuffersizeGivesAnExhaustedIterator() {
        assertFalse(pool.imap(SQR, List.<Integer>of(), 1, 2).hasNext());
        assertFalse(pool.imapUnordered(SQR, List.<Integer>of(), 1, 2).hasNext());
    }

    @Test
    void buffersizeBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.imap(SQR, List.of(1), 1, 0));
        assertEquals("buffersize must be null or > 0, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pool.imapUnordered(SQR, List.of(1), 1, -1));
    }

    @Test
    void jobQueuedBehindAFullBufferStillRuns() { // Java: CPython's task handler would block on the semaphore
        pool.imap(SQR, counting(new AtomicInteger(), -1), 1, 1);
        assertEquals(List.of(0, 1, 4), pool.mapAsync(SQR, List.of(0, 1, 2)).get(WAIT));
    }

    @Test
    void terminateWhileTheJobWaitsForRoomReturnsAndCancelsTheRest() {
        AtomicInteger read = new AtomicInteger();
        IMapIterator<Integer> it = pool.imap(SQR, counting(read, -1), 1, 2);
        awaitTaskHandler();
        pool.terminate();
        assertTrue(pool.join(WAIT));
        assertThrows(CancelledException.class, () -> {
            while (true) {
                it.next(WAIT); // results that arrived before terminate() are still handed out
            }
        });
        assertEquals(2, read.get(), "no input is read for a terminated job, whatever the consumer releases");
    }

    @Test
    void closeWhileTheJobWaitsForRoomDoesNotHang() {
        IMapIterator<Integer> it;
        try (ThreadPool p = new ThreadPool(2)) {
            it = p.imap(SQR, counting(new AtomicInteger(), -1), 1, 1);
            assertEquals(0, it.next(WAIT));
        }
        assertThrows(CancelledException.class, () -> {
            while (true) {
                it.next(WAIT);
            }
        });
    }

    @Test
    void shutdownThenConsumingDeliversEveryResultAndJoinCompletes() {
        IMapIterator<Integer> it = pool.imap(SQR, IntStream.range(0, 50).boxed().toList(), 1, 2);
        pool.shutdown();
        List<Integer> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next(WAIT));
        }
        assertEquals(squares(50), out);
        assertTrue(pool.join(WAIT));
    }

    @Test
    void joinAfterShutdownWaitsForTheConsumerOfABufferedJob() { // as CPython main, gh-155477
        IMapIterator<Integer> it = pool.imap(SQR, IntStream.range(0, 10).boxed().toList(), 1, 1);
        pool.shutdown();
        assertFalse(pool.join(Duration.ofMillis(200)));
        it.forEachRemaining(x -> { });
        assertTrue(pool.join(WAIT));
    }

    @Test
    void bashManyConsumersWithSmallBuffersOnOnePool() throws Exception {
        int consumers = 8;
        int items = 300;
        ExecutorService threads = Executors.newFixedThreadPool(consumers);
        try {
            List<Future<List<Integer>>> outs = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                int buffersize = 1 + c % 3;
                boolean ordered = c % 2 == 0;
                Callable<List<Integer>> consume = () -> {
                    List<Integer> out = new ArrayList<>();
                    lazy(ordered, IntStream.range(0, items).boxed().toList(), 1 + buffersize % 2, buffersize)
                            .forEachRemaining(out::add);
                    return ordered ? out : out.stream().sorted().toList();
                };
                outs.add(threads.submit(consume));
            }
            for (Future<List<Integer>> out : outs) {
                assertEquals(squares(items), out.get(20, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}

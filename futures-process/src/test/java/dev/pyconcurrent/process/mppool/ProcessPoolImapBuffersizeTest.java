package dev.pyconcurrent.process.mppool;

import static dev.pyconcurrent.process.mppool.MpTasks.SQR;
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
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.pool.IMapIterator;

/**
 * {@link ProcessPool}'s {@code imap}/{@code imapUnordered} with CPython main's {@code buffersize} (gh-64192, PR
 * gh-136871; 3.15+, older releases have no {@code buffersize}), with real worker JVMs. The input is read by the
 * parent's task handler, so the counting inputs here see exactly what was pulled. Ports the behaviour of
 * {@code _TestPool}'s {@code test_imap_and_imap_unordered_with_buffersize_when_buffer_is_full} (only
 * {@code buffersize} tasks pulled while nothing is consumed, one more per result taken), the PR's infinite-iterable
 * tests and {@code test_imap_handle_iterable_exception} with a buffer; plus terminate and shutdown with a job waiting
 * for room. Kept short: the thread pool's {@code ThreadPoolImapBuffersizeTest} covers the shared front half
 * ({@code AbstractPool}) in depth.
 */
@Timeout(60)
class ProcessPoolImapBuffersizeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ProcessPool pool;

    @BeforeAll
    static void startPool() {
        pool = new ProcessPool(2);
    }

    @AfterAll
    static void terminatePool() {
        pool.terminate();
    }

    /** 0, 1, 2, ... forever, counting the items read. */
    private static Iterable<Integer> countingForever(AtomicInteger read) {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return read.getAndIncrement();
            }
        };
    }

    /** The task handler forwards jobs in order: once a job queued now ran, earlier buffered jobs filled up. */
    private static void awaitTaskHandler(ProcessPool p) {
        assertTrue(p.applyAsync(MpTasks.PID).get(WAIT) > 0);
    }

    @Test
    void infiniteInputWithBuffersizeYieldsInOrderWithoutHanging() {
        IMapIterator<Integer> it = pool.imap(SQR, countingForever(new AtomicInteger()), 1, 2);
        assertEquals(List.of(0, 1, 4), List.of(it.next(WAIT), it.next(WAIT), it.next(WAIT)));
    }

    @Test
    void infiniteInputWithBuffersizeYieldsUnorderedWithoutHanging() {
        IMapIterator<Integer> it = pool.imapUnordered(SQR, countingForever(new AtomicInteger()), 1, 2);
        assertEquals(3, Set.of(it.next(WAIT), it.next(WAIT), it.next(WAIT)).size());
    }

    @Test
    void unconsumedIteratorPullsExactlyBuffersizeInputs() {
        AtomicInteger read = new AtomicInteger();
        pool.imap(SQR, countingForever(read), 1, 3);
        awaitTaskHandler(pool);
        assertEquals(3, read.get());
    }

    @Test
    void consumingOneResultLetsOneMoreInputIn() {
        AtomicInteger read = new AtomicInteger();
        IMapIterator<Integer> it = pool.imapUnordered(SQR, countingForever(read), 1, 2);
        awaitTaskHandler(pool);
        it.next(WAIT);
        awaitTaskHandler(pool);
        assertEquals(3, read.get());
    }

    @Test
    void chunkedImapWithBuffersizeYieldsEveryResultInOrder() {
        List<Integer> out = new ArrayList<>();
        pool.imap(SQR, ProcessPoolTest.range(40), 3, 2).forEachRemaining(out::add);
        assertEquals(ProcessPoolTest.squares(40), out);
    }

    @Test
    void inputErrorStillSurfacesInOrder() {
        IMapIterator<Integer> it = pool.imap(SQR, MpTasks.throwingAt(20, 7), 1, 2);
        for (int i = 0; i < 7; i++) {
            assertEquals(i * i, it.next(WAIT));
        }
        ExecutionFailedException e = assertThrows(ExecutionFailedException.class, () -> it.next(WAIT));
        assertInstanceOf(MpTasks.SayWhenException.class, e.getCause());
        assertFalse(it.hasNext());
    }

    @Test
    void terminateWhileTheJobWaitsForRoomDoesNotHang() {
        AtomicInteger read = new AtomicInteger();
        ProcessPool own = new ProcessPool(1);
        IMapIterator<Integer> it;
        try {
            it = own.imap(SQR, countingForever(read), 1, 2);
            awaitTaskHandler(own);
        } finally {
            own.terminate();
        }
        assertTrue(own.join(WAIT));
        assertThrows(CancelledException.class, () -> {
            while (true) {
                it.next(WAIT); // results that arrived before terminate() are still handed out
            }
        });
        assertEquals(2, read.get(), "no input is read for a terminated job");
    }

    @Test
    void shutdownThenConsumingDeliversEveryResultAndJoinCompletes() {
        ProcessPool own = new ProcessPool(1);
        try {
            IMapIterator<Integer> it = own.imap(SQR, ProcessPoolTest.range(30), 1, 2);
            own.shutdown();
            List<Integer> out = new ArrayList<>();
            while (it.hasNext()) {
                out.add(it.next(WAIT));
            }
            assertEquals(ProcessPoolTest.squares(30), out);
            assertTrue(own.join(WAIT));
        } finally {
            own.terminate();
        }
    }
}

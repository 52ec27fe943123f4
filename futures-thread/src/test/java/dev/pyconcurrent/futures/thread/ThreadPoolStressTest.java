package dev.pyconcurrent.futures.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;
import dev.pyconcurrent.futures.function.SerializableCallable;
import dev.pyconcurrent.futures.function.SerializableFunction;
import dev.pyconcurrent.futures.pool.AsyncResult;
import dev.pyconcurrent.futures.pool.IMapIterator;
import dev.pyconcurrent.futures.pool.JobResult;
import dev.pyconcurrent.futures.pool.PoolState;

/**
 * Bounded "bash" stress of {@link ThreadPool}: many client threads mixing every entry point, then a terminate racing
 * them; and a finished pool that refuses to be confused. Java additions; nothing here may hang.
 */
@Timeout(60)
class ThreadPoolStressTest {
    private static final SerializableFunction<Integer, Integer> DOUBLE = x -> 2 * x;

    @Test
    void manyClientsUsingEveryEntryPointGetCorrectResults() throws InterruptedException {
        ThreadPool pool = new ThreadPool(4);
        AtomicInteger wrong = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        List<Integer> input = IntStream.range(0, 200).boxed().toList();
        List<Integer> doubled = input.stream().map(x -> 2 * x).toList();
        for (int c = 0; c < 8; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                for (int round = 0; round < 20; round++) {
                    boolean ok = switch ((id + round) % 4) {
                        case 0 -> pool.map(DOUBLE, input, 7).equals(doubled);
                        case 1 -> pool.apply(DOUBLE, round) == 2 * round;
                        case 2 -> {
                            List<Integer> out = new ArrayList<>();
                            pool.imap(DOUBLE, input, 3).forEachRemaining(out::add);
                            yield out.equals(doubled);
                        }
                        default -> {
                            List<Integer> out = new ArrayList<>();
                            pool.imapUnordered(DOUBLE, input).forEachRemaining(out::add);
                            out.sort(null);
                            yield out.equals(doubled);
                        }
                    };
                    if (!ok) {
                        wrong.incrementAndGet();
                    }
                }
            });
            clients.add(t);
            t.start();
        }
        for (Thread t : clients) {
            t.join(30_000);
            assertFalse(t.isAlive());
        }
        pool.shutdown();
        assertTrue(pool.join(Duration.ofSeconds(10)));
        assertEquals(0, wrong.get());
        assertEquals(0, pool.pendingJobs());
    }

    /** Goal: after terminate() every handle is decided (result, failure or cancelled), none waits forever. */
    @RepeatedTest(3)
    void terminateRacingClientsLeavesNoResultWaiting() throws InterruptedException {
        ThreadPool pool = new ThreadPool(3);
        ConcurrentLinkedQueue<AsyncResult<?>> results = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<IMapIterator<?>> iterators = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < 2_000; i++) {
                        results.add(pool.applyAsync((SerializableCallable<Integer>) () -> 1));
                        if (i % 100 == 0) {
                            iterators.add(pool.imap(DOUBLE, IntStream.range(0, 50).boxed().toList()));
                        }
                    }
                } catch (IllegalStateException refused) {
                    // terminate() won the race: later submissions are refused, as they must be
                }
            });
            clients.add(t);
            t.start();
        }
        pool.terminate();
        for (Thread t : clients) {
            t.join(20_000);
        }
        for (AsyncResult<?> r : results) {
            assertTrue(r.await(Duration.ofSeconds(10)), "a result was left waiting");
        }
        for (IMapIterator<?> it : iterators) {
            int guard = 0;
            while (guard++ < 100) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    it.next(Duration.ofSeconds(10));
                } catch (CancelledException | ExecutionFailedException expected) {
                    // cancelled by terminate(): reported once, then the iterator ends
                }
            }
            assertFalse(it.hasNext());
        }
        assertEquals(0, pool.pendingJobs());
    }

    @Test
    void finishedPoolStaysFinished() {
        ThreadPool pool = new ThreadPool(2);
        AsyncResult<Integer> done = pool.applyAsync(DOUBLE, 21);
        assertEquals(42, done.get(Duration.ofSeconds(5)));
        pool.terminate();
        for (int i = 0; i < 3; i++) {
            pool.shutdown();   // CPython close() after terminate(): harmless
            pool.terminate();  // idempotent
            pool.close();
            assertTrue(pool.join(Duration.ofSeconds(1)));
            assertEquals(PoolState.TERMINATE, pool.state());
            assertThrows(IllegalStateException.class, () -> pool.apply(DOUBLE, 1));
            assertThrows(IllegalStateException.class, () -> pool.mapAsync(DOUBLE, List.of(1)));
        }
        assertTrue(done.ready());
        assertTrue(done.successful());
        assertEquals(42, done.get(Duration.ZERO));
        JobResult sink = (JobResult) done; // a decided result ignores later outcomes
        sink.abort(new CancelledException("late abort"));
        sink.set(0, true, 7);
        assertEquals(42, done.get(Duration.ZERO));
        assertTrue(pool.workerThreads().stream().noneMatch(Thread::isAlive));
    }
}

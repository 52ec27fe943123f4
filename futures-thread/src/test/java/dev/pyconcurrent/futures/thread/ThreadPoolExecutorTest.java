package dev.pyconcurrent.futures.thread;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.futures.DoneAndNotDoneFutures;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.FutureTimeoutException;
import dev.pyconcurrent.futures.Futures;
import dev.pyconcurrent.futures.MapIterator;
import dev.pyconcurrent.futures.MapOptions;
import dev.pyconcurrent.futures.ReturnWhen;
import dev.pyconcurrent.futures.function.SerializableFunction;

/**
 * Thread-pool specifics (conformance 1.4 and the thread rows of 1.6). Ports CPython's
 * {@code test_thread_pool.py::ThreadPoolExecutorTest}: {@code test_map_submits_without_iteration},
 * {@code test_default_workers}, {@code test_saturation}, {@code test_idle_thread_reuse},
 * {@code test_executor_map_current_future_cancel}; and {@code test_shutdown.py::ThreadPoolShutdownTest}:
 * {@code test_threads_terminate}, {@code test_context_manager_shutdown}, {@code test_del_shutdown},
 * {@code test_shutdown_no_wait}, {@code test_thread_names_assigned}, {@code test_thread_names_default}. Left out:
 * {@code test_hang_global_shutdown_lock} and {@code test_process_fork_from_a_threadpool} (fork; no JVM analogue).
 * Java additions: no more than maxWorkers threads ever under concurrent submitters; cancelled-by-shutdown futures
 * reach {@code wait()}; shutdown from inside a task.
 */
@Timeout(30)
class ThreadPoolExecutorTest {

    @Test
    void mapSubmitsEverythingWithoutIteration() {
        List<Integer> finished = new CopyOnWriteArrayList<>();
        try (ThreadPoolExecutor ex = new ThreadPoolExecutor(5)) {
            ex.map((SerializableFunction<Integer, Integer>) i -> {
                finished.add(i);
                return i;
            }, IntStream.range(0, 10).boxed().toList());
        }
        assertEquals(Set.copyOf(IntStream.range(0, 10).boxed().toList()), Set.copyOf(finished));
    }

    @Test
    void defaultMaxWorkersIsCpuPlusFourCappedAt32() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor();
        try {
            assertEquals(Math.min(32, Runtime.getRuntime().availableProcessors() + 4), ex.maxWorkers());
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void sixtyBlockingJobsOnFourWorkersCreateExactlyFourThreads() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor ex = new ThreadPoolExecutor(4);
        try {
            for (int i = 0; i < 60; i++) {
                ex.submit(() -> release.await(10, TimeUnit.SECONDS));
            }
            assertEquals(4, ex.threadCount());
        } finally {
            release.countDown();
            ex.shutdown();
        }
    }

    @Test
    void sequentialSubmitsReuseOneIdleThread() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(5);
        try {
            for (int i = 0; i < 3; i++) {
                ex.submit(() -> 1).result(Duration.ofSeconds(5));
                // the worker announces itself idle just before it blocks; wait for that before the next submit
                await().atMost(Duration.ofSeconds(5)).until(() -> isWaiting(ex.threads().get(0)));
            }
            assertEquals(1, ex.threadCount());
        } finally {
            ex.shutdown();
        }
    }

    private static boolean isWaiting(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    @Test
    void concurrentSubmittersNeverGetMoreThanMaxWorkersThreads() throws Exception {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(3);
        List<Thread> submitters = new ArrayList<>();
        List<Future<Integer>> all = new CopyOnWriteArrayList<>();
        for (int s = 0; s < 6; s++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    all.add(ex.submit(() -> 1));
                }
            });
            submitters.add(t);
            t.start();
        }
        for (Thread t : submitters) {
            t.join(20_000);
        }
        ex.shutdown();
        assertEquals(12_000, all.size());
        assertTrue(all.stream().allMatch(Future::done));
        assertTrue(ex.threadCount() <= 3, "threads " + ex.threadCount());
    }

    @Test
    void mapTimeoutZeroThenCloseCancelsTheQueuedCallsBeforeTheyStart() throws InterruptedException {
        List<String> log = new CopyOnWriteArrayList<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor ex = new ThreadPoolExecutor(1);
        try {
            Future<Object> first = ex.submit(() -> {
                log.add("first started");
                firstStarted.countDown();
                release.await(10, TimeUnit.SECONDS);
                log.add("first stopped");
                return null;
            });
            assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
            MapIterator<String> it = ex.map((SerializableFunction<String, String>) s -> {
                log.add(s + " started");
                return s;
            }, List.of("second", "third"), MapOptions.defaults().withTimeout(Duration.ZERO));
            assertThrows(FutureTimeoutException.class, it::next);
            it.close();
            release.countDown();
            first.result(Duration.ofSeconds(5));
        } finally {
            release.countDown();
            ex.shutdown();
        }
        assertEquals(List.of("first started", "first stopped"), log);
    }

    @Test
    void threadsTerminateAfterShutdown() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor ex = new ThreadPoolExecutor(5);
        for (int i = 0; i < 3; i++) {
            ex.submit(() -> release.await(10, TimeUnit.SECONDS));
        }
        assertEquals(3, ex.threadCount());
        release.countDown();
        ex.shutdown();
        for (Thread t : ex.threads()) {
            t.join(5_000);
            assertFalse(t.isAlive());
        }
    }

    @Test
    void leavingTryWithResourcesShutsDownAndJoins() {
        ThreadPoolExecutor ex;
        try (ThreadPoolExecutor e = new ThreadPoolExecutor(5)) {
            ex = e;
            for (int i = 0; i < 3; i++) {
                e.submit(() -> 1);
            }
        }
        assertTrue(ex.threads().stream().noneMatch(Thread::isAlive));
        assertThrows(IllegalStateException.class, () -> ex.submit(() -> 1));
    }

    @Test
    void droppingTheExecutorLetsItsWorkersExitAfterTheQueuedWork() {
        List<Future<Integer>> results = new ArrayList<>();
        List<Thread> threads = submitAndDrop(results);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return threads.stream().noneMatch(Thread::isAlive);
        });
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i * i, results.get(i).result(Duration.ofSeconds(1)));
        }
    }

    private static List<Thread> submitAndDrop(List<Future<Integer>> results) {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(5);
        for (int i = 0; i < 5; i++) {
            int n = i;
            results.add(ex.submit(() -> n * n));
        }
        return ex.threads();
    }

    @Test
    void shutdownWithoutWaitStillRunsQueuedWorkAndThreadsExit() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(5);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            fs.add(ex.submit(() -> {
                Thread.sleep(5);
                return n;
            }));
        }
        ex.shutdown(false);
        for (int i = 0; i < 20; i++) {
            assertEquals(i, fs.get(i).result(Duration.ofSeconds(5)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ex.threads().stream().noneMatch(Thread::isAlive));
    }

    @Test
    void threadNamesUseThePrefix() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor ex = new ThreadPoolExecutor(5, "SpecialPool");
        try {
            for (int i = 0; i < 5; i++) {
                ex.submit(() -> release.await(10, TimeUnit.SECONDS));
            }
        } finally {
            release.countDown();
            ex.shutdown();
        }
        assertEquals(5, ex.threads().size());
        for (Thread t : ex.threads()) {
            assertTrue(t.getName().matches("^SpecialPool_[0-4]$"), t.getName());
        }
    }

    @Test
    void defaultThreadNamesNumberThePool() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(5);
        try {
            ex.submit(() -> 1).result();
        } finally {
            ex.shutdown();
        }
        for (Thread t : ex.threads()) {
            assertTrue(t.getName().matches("^ThreadPoolExecutor-\\d+_[0-4]$"), t.getName());
        }
    }

    @Test
    void workersAreDaemonThreads() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(2);
        try {
            ex.submit(() -> 1).result();
            assertTrue(ex.threads().get(0).isDaemon());
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void futuresCancelledByShutdownAreSeenByWait() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor ex = new ThreadPoolExecutor(1);
        CountDownLatch started = new CountDownLatch(1);
        Future<Object> running = ex.submit(() -> {
            started.countDown();
            return release.await(10, TimeUnit.SECONDS);
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        Future<Object> queued = ex.submit(() -> "never");
        ex.shutdown(false, true);
        assertTrue(queued.cancelled());
        DoneAndNotDoneFutures<Future<Object>> r = Futures.wait(List.of(queued), Duration.ofSeconds(2), ReturnWhen.ALL_COMPLETED);
        assertEquals(Set.of(queued), r.done());
        release.countDown();
        assertEquals(true, running.result(Duration.ofSeconds(5)));
    }

    @Test
    void shutdownWithWaitFromInsideATaskDoesNotDeadlock() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(2);
        AtomicInteger after = new AtomicInteger();
        Future<Object> f = ex.submit(() -> {
            ex.shutdown(true);
            after.incrementAndGet();
            return null;
        });
        f.result(Duration.ofSeconds(10));
        assertEquals(1, after.get());
        assertThrows(IllegalStateException.class, () -> ex.submit(() -> 1));
    }

    @Test
    void maxQueueSizeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ThreadPoolExecutor.builder().maxQueueSize(0));
    }

    @Test
    void defaultQueueIsUnbounded() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(1);
        try {
            assertEquals(Integer.MAX_VALUE, ex.maxQueueSize());
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void workersThatRanACallHoldNoReferenceToIt() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(1);
        try {
            WeakReference<Object> ref = runAndForget(ex);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return ref.get() == null;
            });
        } finally {
            ex.shutdown();
        }
    }

    private static WeakReference<Object> runAndForget(ThreadPoolExecutor ex) {
        Object big = new byte[1 << 20];
        ex.submit(() -> big.hashCode()).result();
        return new WeakReference<>(big);
    }
}

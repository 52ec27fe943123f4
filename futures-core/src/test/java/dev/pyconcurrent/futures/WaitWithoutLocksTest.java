package dev.pyconcurrent.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lock-free paths of {@link Futures#wait} and {@link Futures#asCompleted}: completed futures are read without
 * their locks (their states are terminal), only pending futures are locked, and a future that completes between the
 * unlocked scan and the locking is still reported. Java-only: CPython locks every future ({@code _AcquireFutures}),
 * so no CPython test covers this; the CPython behaviours ({@code test_wait.py}, {@code test_as_completed.py}) stay in
 * {@link WaitTest} and {@link AsCompletedTest}.
 *
 * <p>"Without a lock" is shown by holding the futures' locks in another thread ({@link LockHolder}): a call that
 * took one of them would block, and {@code assertTimeoutPreemptively} would fail.
 */
@Timeout(20)
class WaitWithoutLocksTest {
    private static final Duration NO_BLOCKING = Duration.ofSeconds(5);

    @Test
    void allCompletedOverCompletedFuturesReturnsWhileTheirLocksAreHeldElsewhere() throws Exception {
        List<Future<?>> fs = List.of(FutureFixtures.successful(), FutureFixtures.failed(),
                FutureFixtures.cancelledAndNotified());
        try (LockHolder ignored = LockHolder.lock(fs)) {
            DoneAndNotDoneFutures<Future<?>> r = assertTimeoutPreemptively(NO_BLOCKING, () -> Futures.wait(fs));
            assertEquals(fs, new ArrayList<>(r.done()));
            assertTrue(r.notDone().isEmpty());
        }
    }

    @Test
    void firstCompletedWithACompletedFutureReturnsWhileEveryLockIsHeldElsewhere() throws Exception {
        Future<Integer> pending = FutureFixtures.pending();
        Future<Integer> successful = FutureFixtures.successful();
        Future<Integer> running = FutureFixtures.running();
        List<Future<Integer>> fs = List.of(pending, successful, running);
        try (LockHolder ignored = LockHolder.lock(fs)) {
            DoneAndNotDoneFutures<Future<Integer>> r = assertTimeoutPreemptively(NO_BLOCKING,
                    () -> Futures.wait(fs, null, ReturnWhen.FIRST_COMPLETED));
            assertEquals(List.of(successful), new ArrayList<>(r.done()));
            assertEquals(List.of(pending, running), new ArrayList<>(r.notDone()));
        }
        assertEquals(0, pending.waiterCount());
    }

    @Test
    void firstExceptionWithAFailedFutureReturnsWhileEveryLockIsHeldElsewhere() throws Exception {
        Future<Integer> successful = FutureFixtures.successful();
        Future<Integer> running = FutureFixtures.running();
        Future<Integer> failed = FutureFixtures.failed();
        List<Future<Integer>> fs = List.of(successful, running, failed);
        try (LockHolder ignored = LockHolder.lock(fs)) {
            DoneAndNotDoneFutures<Future<Integer>> r = assertTimeoutPreemptively(NO_BLOCKING,
                    () -> Futures.wait(fs, null, ReturnWhen.FIRST_EXCEPTION));
            assertEquals(List.of(successful, failed), new ArrayList<>(r.done()));
            assertEquals(List.of(running), new ArrayList<>(r.notDone()));
        }
    }

    @Test
    void waitLocksAndWatchesOnlyTheFuturesNotYetCompleted() throws Exception {
        Future<Integer> successful = FutureFixtures.successful();
        Future<Integer> pending = FutureFixtures.pending();
        try (LockHolder ignored = LockHolder.lock(List.of(successful))) {
            DoneAndNotDoneFutures<Future<Integer>> r = assertTimeoutPreemptively(NO_BLOCKING,
                    () -> Futures.wait(List.of(successful, pending), Duration.ofMillis(50)));
            assertEquals(List.of(successful), new ArrayList<>(r.done()));
            assertEquals(List.of(pending), new ArrayList<>(r.notDone()));
        }
        assertEquals(0, pending.waiterCount());
    }

    @Test
    void plainCancelledFutureDoesNotSatisfyAnyUnlockedCheck() {
        Future<Integer> successful = FutureFixtures.successful();
        Future<Object> cancelled = FutureFixtures.cancelled();
        DoneAndNotDoneFutures<Future<?>> all = Futures.wait(List.of(successful, cancelled), Duration.ofMillis(50));
        assertEquals(List.of(successful), new ArrayList<>(all.done()));
        assertEquals(List.of(cancelled), new ArrayList<>(all.notDone()));
        DoneAndNotDoneFutures<Future<Object>> first = Futures.wait(List.of(cancelled), Duration.ofMillis(50),
                ReturnWhen.FIRST_COMPLETED);
        assertTrue(first.done().isEmpty());
        assertEquals(0, cancelled.waiterCount());
    }

    @Test
    void futureCompletingBetweenTheScanAndTheLockingIsReportedDoneWithoutHanging() {
        Future<Integer> f = new CompletesRightAfterItsFirstStateRead();
        DoneAndNotDoneFutures<Future<Integer>> r = assertTimeoutPreemptively(NO_BLOCKING, () -> Futures.wait(List.of(f)));
        assertEquals(List.of(f), new ArrayList<>(r.done()));
        assertEquals(0, f.waiterCount());
    }

    @Test
    void firstCompletedReportsAFutureThatCompletedDuringTheScanAsDone() {
        Future<Integer> successful = FutureFixtures.successful();
        Future<Integer> late = new CompletesRightAfterItsFirstStateRead();
        DoneAndNotDoneFutures<Future<Integer>> r = Futures.wait(List.of(successful, late), null,
                ReturnWhen.FIRST_COMPLETED);
        // Both were done before wait() returned; reporting 'late' as not done would be no snapshot CPython can see.
        assertEquals(List.of(successful, late), new ArrayList<>(r.done()));
        assertTrue(r.notDone().isEmpty());
    }

    @Test
    void resultSetsFollowInputOrderAcrossDoneAndNotDone() {
        Future<Integer> p1 = FutureFixtures.pending();
        Future<Integer> ok = FutureFixtures.successful();
        Future<Integer> p2 = FutureFixtures.running();
        Future<Integer> bad = FutureFixtures.failed();
        Future<Integer> p3 = FutureFixtures.pending();
        DoneAndNotDoneFutures<Future<Integer>> r = Futures.wait(List.of(p1, ok, p2, bad, p1, p3),
                Duration.ofMillis(20));
        assertEquals(List.of(ok, bad), new ArrayList<>(r.done()));
        assertEquals(List.of(p1, p2, p3), new ArrayList<>(r.notDone()));
    }

    @Test
    void asCompletedYieldsCompletedFuturesWhileTheirLocksAreHeldElsewhere() throws Exception {
        List<Future<?>> fs = List.of(FutureFixtures.failed(), FutureFixtures.cancelledAndNotified(),
                FutureFixtures.successful());
        try (LockHolder ignored = LockHolder.lock(fs)) {
            List<Future<?>> yielded = assertTimeoutPreemptively(NO_BLOCKING, () -> {
                List<Future<?>> out = new ArrayList<>();
                Futures.asCompleted(fs).forEach(out::add);
                return out;
            });
            assertEquals(fs, yielded);
        }
    }

    @Test
    void asCompletedInstallsItsWaiterOnlyOnPendingFutures() {
        Future<Integer> successful = FutureFixtures.successful();
        Future<Integer> pending = FutureFixtures.pending();
        try (AsCompletedIterator<Future<Integer>> it = Futures.asCompleted(List.of(successful, pending))) {
            assertTrue(it.hasNext());
            assertEquals(0, successful.waiterCount());
            assertEquals(1, pending.waiterCount());
            assertEquals(successful, it.next());
        }
        assertEquals(0, pending.waiterCount());
    }

    @Test
    void asCompletedYieldsAFutureThatCompletedDuringItsSetUp() {
        Future<Integer> f = new CompletesRightAfterItsFirstStateRead();
        List<Future<Integer>> yielded = new ArrayList<>();
        assertTimeoutPreemptively(NO_BLOCKING, () -> Futures.asCompleted(List.of(f), Duration.ofSeconds(5))
                .forEach(yielded::add));
        assertEquals(List.of(f), yielded);
        assertEquals(0, f.waiterCount());
    }

    /**
     * Reads as PENDING the first time its state is asked for, and is FINISHED right after: the worst timing for the
     * unlocked scan, made deterministic.
     */
    private static final class CompletesRightAfterItsFirstStateRead extends Future<Integer> {
        private boolean read;

        @Override
        public FutureState currentState() {
            FutureState s = super.currentState();
            if (!read) {
                read = true;
                setResult(7);
            }
            return s;
        }
    }

    /** Holds the locks of some futures in another thread until closed. */
    private static final class LockHolder implements AutoCloseable {
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread thread;

        private LockHolder(List<? extends Future<?>> fs, CountDownLatch locked) {
            thread = new Thread(() -> {
                fs.forEach(f -> f.conditionLock().lock());
                locked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    fs.forEach(f -> f.conditionLock().unlock());
                }
            }, "lock-holder");
        }

        static LockHolder lock(List<? extends Future<?>> fs) throws InterruptedException {
            CountDownLatch locked = new CountDownLatch(1);
            LockHolder holder = new LockHolder(fs, locked);
            holder.thread.start();
            assertTrue(locked.await(5, TimeUnit.SECONDS), "the holder did not get the locks");
            return holder;
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            thread.join(5000);
        }
    }
}

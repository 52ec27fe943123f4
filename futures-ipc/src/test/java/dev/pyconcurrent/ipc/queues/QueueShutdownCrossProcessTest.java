package dev.pyconcurrent.ipc.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.testing.ChildJvm;
import dev.pyconcurrent.ipc.testing.ChildJvms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Queue#shutdown(boolean)} across real JVMs: the "also from other processes" halves of
 * CPython's {@code _test_multiprocessing.py::_TestQueue::test_shutdown_empty} and
 * {@code test_shutdown_immediate} (main branch): a child's proxy sees a shut-down made by the
 * host JVM in every put and get variant, through the shared-memory flag (unbounded queue) and
 * through the host's answer (bounded joinable queue); a child's blocked get and put wake; a
 * child's own buffered puts come before its own shut-down; and an immediate shut-down while a
 * child produces drops the items still on their way and counts them as done.
 */
@Timeout(60)
class QueueShutdownCrossProcessTest {
    private static final Duration CHILD = Duration.ofSeconds(30);
    private final ChildJvms children = new ChildJvms();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    // ---------------------------------------------------------------- child mains

    /** Tries each put and get variant on each queue given and prints what each threw. */
    static void tryEveryVariant(Object[] a) throws Exception {
        for (Object o : a) {
            Queue<String> q = cast(o);
            List<String> seen = new ArrayList<>();
            seen.add(String.valueOf(q.isShutDown()));
            seen.add(outcome(() -> q.put("data")));
            seen.add(outcome(() -> q.putNowait("data")));
            seen.add(outcome(() -> q.get()));
            seen.add(outcome(() -> q.getNowait()));
            seen.add(outcome(() -> q.get(Duration.ofMillis(100))));
            System.out.println(String.join(" ", seen));
        }
    }

    /** One thread blocks in get on a[0] (empty), another in put on a[1] (full); prints how each ended. */
    static void blockInGetAndPut(Object[] a) throws Exception {
        Queue<String> empty = cast(a[0]);
        Queue<String> full = cast(a[1]);
        String[] result = new String[2];
        Thread getter = new Thread(() -> result[0] = outcome(() -> empty.get(Duration.ofSeconds(20))));
        Thread putter = new Thread(() -> result[1] = outcome(() -> full.put("more", Duration.ofSeconds(20))));
        getter.start();
        putter.start();
        getter.join(25_000);
        putter.join(25_000);
        System.out.println(result[0] + " " + result[1]);
    }

    /** Puts 0..n-1, then shuts the queue down itself (a proxy's shutdown). */
    static void putThenShutDown(Object[] a) throws Exception {
        Queue<Integer> q = cast(a[0]);
        int n = (Integer) a[1];
        for (int i = 0; i < n; i++) {
            q.put(i);
        }
        q.shutdown();
        System.out.println(outcome(() -> q.put(-1)));
    }

    /** Puts until refused; prints how many puts succeeded. */
    static void produceUntilShutDown(Object[] a) throws Exception {
        Queue<Integer> q = cast(a[0]);
        int n = 0;
        try {
            while (true) {
                q.put(n);
                n++;
                if (n == 200) {
                    System.out.println("STARTED");
                }
            }
        } catch (QueueShutDownException e) {
            System.out.println(n);
        }
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static String outcome(Attempt a) {
        try {
            a.run();
            return "OK";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /** Waits until {@code n} host threads serve a remote call parked inside {@code QueueCore.<method>}. */
    private static void awaitRemoteWaiters(String method, int n) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Thread.getAllStackTraces().values().stream()
                .filter(st -> java.util.Arrays.stream(st).anyMatch(f -> f.getClassName().equals(QueueCore.class.getName())
                        && f.getMethodName().equals(method)))
                .count() >= n);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aChildSeesTheParentsShutdownInEveryPutAndGetVariant() throws Exception {
        Queue<String> unbounded = new Queue<>();
        JoinableQueue<String> bounded = new JoinableQueue<>(3);
        unbounded.shutdown();
        bounded.shutdown();
        ChildJvm c = children.start(getClass(), "tryEveryVariant", unbounded, bounded);
        c.assertSucceeds(CHILD);
        String refusedAll = "true" + " QueueShutDownException".repeat(5);
        assertEquals(List.of(refusedAll, refusedAll), c.output());
        assertEquals(0, bounded.unfinishedTasks());         // no refused put left a task counted
    }

    @Test
    void aChildsBlockedGetAndBlockedPutWakeWhenTheParentShutsDown() throws Exception {
        Queue<String> empty = new Queue<>();
        Queue<String> full = new Queue<>(1);
        full.put("only");
        ChildJvm c = children.start(getClass(), "blockInGetAndPut", empty, full);
        awaitRemoteWaiters("take", 1);
        awaitRemoteWaiters("reserve", 1);
        long t0 = System.nanoTime();
        empty.shutdown();
        full.shutdown();
        assertEquals("QueueShutDownException QueueShutDownException", c.nextLine(CHILD));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 10, "woke long after the shut-down");
        c.assertSucceeds(CHILD);
        assertEquals("only", full.get());                   // non-immediate: the queued item stayed
    }

    @Test
    void aChildsOwnPutsComeBeforeItsOwnShutdownAndTheParentDrainsThem() throws Exception {
        Queue<Integer> q = new Queue<>();
        ChildJvm c = children.start(getClass(), "putThenShutDown", q, 50);
        c.assertSucceeds(CHILD);
        assertEquals(List.of("QueueShutDownException"), c.output());
        assertTrue(q.isShutDown());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, q.getNowait());
        }
        assertThrows(QueueShutDownException.class, q::getNowait);
    }

    @Test
    void anImmediateShutdownWhileAChildProducesDropsWhatIsOnItsWayAndCountsItDone() throws Exception {
        JoinableQueue<Integer> q = new JoinableQueue<>();
        ChildJvm c = children.start(getClass(), "produceUntilShutDown", q);
        c.awaitLine("STARTED", CHILD);
        int got = 0;
        for (int i = 0; i < 20; i++) {
            assertEquals(i, q.get(Duration.ofSeconds(10)));
            q.taskDone();
            got++;
        }
        q.shutdown(true);
        int put = Integer.parseInt(c.nextLine(CHILD));
        c.assertSucceeds(CHILD);
        assertEquals(0, q.qsize());
        assertTrue(q.join(Duration.ofSeconds(10)), "unfinished " + q.unfinishedTasks());
        assertEquals(put, got + q.core.droppedItems(), "every successful put was either got or dropped");
        assertThrows(QueueShutDownException.class, q::getNowait);
    }
}

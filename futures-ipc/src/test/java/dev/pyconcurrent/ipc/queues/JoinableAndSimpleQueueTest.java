package dev.pyconcurrent.ipc.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.ipc.testing.ChildJvm;
import dev.pyconcurrent.ipc.testing.ChildJvms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link JoinableQueue} and {@link SimpleQueue}. Ports from CPython's
 * {@code _test_multiprocessing.py}: {@code _TestQueue::test_task_done} (4 consumer processes),
 * the {@code task_done() called too many times} check of {@code queues.py}, and
 * {@code TestSimpleQueue::test_empty}, {@code test_empty_exceptions}, {@code test_close},
 * {@code test_closed}. The {@code [main]} {@code shutdown()} rows are ported in
 * {@link QueueShutdownTest} and {@link QueueShutdownCrossProcessTest}. Not ported:
 * {@code test_queue_feeder_on_queue_feeder_error}, whose trigger
 * (a pickling error in the feeder) cannot happen here because {@code put} serializes.
 */
@Timeout(60)
class JoinableAndSimpleQueueTest {
    private static final Duration CHILD = Duration.ofSeconds(30);
    private final ChildJvms children = new ChildJvms();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    static void worker(Object[] a) throws Exception {
        @SuppressWarnings("unchecked")
        JoinableQueue<Integer> q = (JoinableQueue<Integer>) a[0];
        while (true) {
            Integer item = q.get(Duration.ofSeconds(20));
            if (item == null) {
                q.taskDone();
                return;
            }
            q.taskDone();
        }
    }

    static void simplePuts(Object[] a) throws Exception {
        @SuppressWarnings("unchecked")
        SimpleQueue<Object> q = (SimpleQueue<Object>) a[0];
        q.put(1);
        q.put("two");
        q.put(3.0);
        System.out.println(q.empty());
    }

    static void producerWithTaskDone(Object[] a) throws Exception {
        @SuppressWarnings("unchecked")
        JoinableQueue<Integer> q = (JoinableQueue<Integer>) a[0];
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        System.out.println(q.unfinishedTasks());
    }

    @Test
    void joinReturnsOnceFourConsumerProcessesMarkedEveryItemDone() throws Exception {
        JoinableQueue<Integer> q = new JoinableQueue<>();
        List<ChildJvm> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(children.start(getClass(), "worker", q));
        }
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        assertTrue(q.join(30), "join returned");
        assertEquals(0, q.unfinishedTasks());
        for (int i = 0; i < 4; i++) {
            q.put(null);
        }
        q.join();
        for (ChildJvm w : workers) {
            w.assertSucceeds(CHILD);
        }
    }

    @Test
    void aChildsPutsAreCountedAsUnfinishedBeforeTheyReturn() throws Exception {
        JoinableQueue<Integer> q = new JoinableQueue<>();
        ChildJvm c = children.start(getClass(), "producerWithTaskDone", q);
        c.assertSucceeds(CHILD);
        assertEquals(List.of("5"), c.output());
        assertFalse(q.join(0.05));
        for (int i = 0; i < 5; i++) {
            assertEquals(i, q.get(Duration.ofSeconds(5)));
            q.taskDone();
        }
        assertTrue(q.join(1));
    }

    @Test
    void taskDoneMoreOftenThanPutsIsRefused() throws Exception {
        JoinableQueue<String> q = new JoinableQueue<>();
        q.put("x");
        q.get();
        q.taskDone();
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("task_done() called too many times", e.getMessage());
        assertTrue(q.join(0));                              // still consistent afterwards
    }

    @Test
    void simpleQueueIsEmptyUntilAChildPutsAndKeepsOrder() throws Exception {
        SimpleQueue<Object> q = new SimpleQueue<>();
        assertTrue(q.empty());
        ChildJvm c = children.start(getClass(), "simplePuts", q);
        c.assertSucceeds(CHILD);
        assertEquals(List.of("false"), c.output());       // the producer sees its own puts
        assertFalse(q.empty());
        assertEquals(1, q.get());
        assertEquals("two", q.get());
        assertEquals(3.0, q.get());
        assertTrue(q.empty());
    }

    @Test
    void simpleQueueCloseIsIdempotentAndThenEverythingRaises() {
        SimpleQueue<Integer> unused = new SimpleQueue<>();
        unused.close();
        unused.close();
        assertThrows(IllegalStateException.class, unused::empty);
        assertThrows(IllegalStateException.class, () -> unused.put(1));
        assertThrows(IllegalStateException.class, unused::get);
    }

    @Test
    void simpleQueuePutOfAnUnserializableObjectThrowsAndLosesNothing() throws Exception {
        SimpleQueue<Object> q = new SimpleQueue<>();
        q.put("before");
        assertThrows(SerializationException.class, () -> q.put(new Object()));
        q.put("after");
        assertEquals("before", q.get());
        assertEquals("after", q.get());
    }
}

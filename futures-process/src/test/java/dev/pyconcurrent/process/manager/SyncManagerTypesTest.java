package dev.pyconcurrent.process.manager;

import static dev.pyconcurrent.process.manager.Children.check;
import static dev.pyconcurrent.process.manager.Children.runInChild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every SyncManager type, used from a real child process through a proxy the parent passed it.
 *
 * <p>Ports {@code _test_multiprocessing.py::TestSyncManagerTypes}: {@code test_event}, {@code test_lock} (incl.
 * "releasing an unheld manager Lock → RuntimeError"), {@code test_rlock}, {@code test_semaphore},
 * {@code test_bounded_semaphore}, {@code test_condition}, {@code test_barrier}, {@code test_queue},
 * {@code test_joinable_queue}, {@code test_list}, {@code test_dict}, {@code test_value}, {@code test_array},
 * {@code test_namespace}. Left out: {@code test_pool} (no manager-hosted Pool: the server process is a daemon),
 * {@code test_set*} (no SetProxy yet).
 */
@Timeout(90)
class SyncManagerTypesTest {
    private static SyncManager manager;

    @BeforeAll
    static void startManager() {
        manager = SyncManager.startNew();
    }

    @AfterAll
    static void stopManager() {
        manager.shutdown();
    }

    @Test
    void eventSetByTheParentIsSeenAndClearedByTheChild() throws Exception {
        EventProxy o = manager.event();
        o.set();
        runInChild((EventProxy e) -> {
            check(e.isSet(), "is_set");
            check(e.await(), "wait on a set event");
            e.clear();
            check(!e.await(0.001), "wait after clear times out");
        }, o);
        assertFalse(o.isSet());
        assertFalse(o.await(0.001));
    }

    @Test
    void lockAcquiredByTheChildIsReleasedByTheParentAndAnUnheldReleaseFails() throws Exception {
        AcquirerProxy o = manager.lock();
        runInChild((AcquirerProxy l) -> l.acquire(), o);
        o.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, o::release);
        assertEquals("release unlocked lock", e.getMessage());
    }

    @Test
    void rlockIsAcquiredAndReleasedByTheChild() throws Exception {
        AcquirerProxy o = manager.rLock();
        runInChild((AcquirerProxy l) -> {
            l.acquire();
            l.acquire();
            l.release();
            l.release();
        }, o);
        assertTrue(o.acquire(false), "free again after the child released both levels");
        o.release();
    }

    @Test
    void semaphoreAcquiredByTheChildIsReleasedByTheParent() throws Exception {
        AcquirerProxy o = manager.semaphore(1);
        runInChild((AcquirerProxy s) -> s.acquire(), o);
        assertFalse(o.acquire(false));
        o.release();
        assertTrue(o.acquire(false));
    }

    @Test
    void boundedSemaphoreRefusesAReleaseAboveItsInitialValue() throws Exception {
        AcquirerProxy o = manager.boundedSemaphore(1);
        runInChild((AcquirerProxy s) -> s.acquire(), o);
        o.release();
        assertThrows(IllegalStateException.class, o::release);
    }

    @Test
    void conditionIsAcquiredAndReleasedByTheChild() throws Exception {
        ConditionProxy o = manager.condition();
        runInChild((ConditionProxy c) -> {
            c.acquire();
            c.signalAll();
            c.release();
        }, o);
        assertTrue(o.acquire(false));
        o.release();
    }

    @Test
    void barrierPartiesAndResetWorkFromTheChild() throws Exception {
        BarrierProxy o = manager.barrier(5);
        runInChild((BarrierProxy b) -> {
            check(b.parties() == 5, "parties");
            b.reset();
        }, o);
        assertEquals(5, o.parties());
        assertFalse(o.isBroken());
    }

    @Test
    void boundedQueueShowsSizeFullAndFifoOrderToTheChild() throws Exception {
        QueueProxy<Integer> o = manager.queue(2);
        o.put(5);
        o.put(6);
        runInChild((QueueProxy<Integer> q) -> {
            check(q.qsize() == 2, "qsize 2");
            check(q.full(), "full");
            check(!q.empty(), "not empty");
            check(q.get() == 5, "first out is 5");
            check(!q.empty(), "one left");
            check(q.get() == 6, "then 6");
            check(q.empty(), "empty at the end");
        }, o);
        assertTrue(o.empty());
        assertFalse(o.full());
    }

    @Test
    void joinableQueueTasksMarkedDoneByTheChildReleaseJoin() throws Exception {
        QueueProxy<Integer> o = manager.joinableQueue(2);
        o.put(5);
        o.put(6);
        runInChild((QueueProxy<Integer> q) -> {
            check(q.get() == 5 && q.get() == 6, "FIFO");
            q.taskDone();
            q.taskDone();
        }, o);
        o.join();                                            // returns: both tasks are done
        assertTrue(o.empty());
    }

    @Test
    void listIsReadSortedAndEmptiedByTheChild() throws Exception {
        ListProxy<Integer> o = manager.list();
        o.add(5);
        runInChild((ListProxy<Integer> l) -> {
            check(l.get(0) == 5, "l[0]");
            check(l.count(5) == 1, "count");
            check(l.index(5) == 0, "index");
            l.sort();
            l.reverse();
            List<Integer> seen = new ArrayList<>();
            l.forEach(seen::add);
            check(seen.equals(List.of(5)), "iteration");
            check(l.size() == 1, "len");
            check(l.remove(0) == 5, "pop(0)");
        }, o);
        assertTrue(o.isEmpty());
    }

    @Test
    void dictIsReadAndEmptiedByTheChild() throws Exception {
        DictProxy<String, Integer> o = manager.dict();
        o.put("foo", 5);
        runInChild((DictProxy<String, Integer> d) -> {
            check(d.size() == 1, "len");
            check(d.getItem("foo") == 5, "d['foo']");
            check(d.get("foo") == 5, "get");
            check(d.items().equals(List.of(Map.entry("foo", 5))), "items");
            check(d.keys().equals(List.of("foo")), "keys");
            check(d.valuesList().equals(List.of(5)), "values");
            check(d.copy().equals(Map.of("foo", 5)), "copy");
            check(d.popitem().equals(Map.entry("foo", 5)), "popitem");
        }, o);
        assertTrue(o.isEmpty());
    }

    @Test
    void valueSetByTheChildIsSeenByTheParent() throws Exception {
        ValueProxy<Integer> o = manager.value('i', 1);
        runInChild((ValueProxy<Integer> v) -> {
            check(v.get() == 1, "value 1");
            v.set(2);
        }, o);
        assertEquals(2, o.get());
    }

    @Test
    void arrayIsReadByTheChild() throws Exception {
        ArrayProxy o = manager.array('i', List.of(0, 1));
        runInChild((ArrayProxy a) -> {
            check(a.get(0).intValue() == 0 && a.get(1).intValue() == 1, "items");
            check(a.length() == 2, "len");
            check(a.toList().equals(List.of(0, 1)), "list(arr)");
        }, o);
        assertEquals("array('i', [0, 1])", o.toString());
    }

    @Test
    void namespaceAttributesSetByTheParentAreReadByTheChild() throws Exception {
        NamespaceProxy o = manager.namespace();
        o.set("x", 0);
        o.set("y", 1);
        runInChild((NamespaceProxy n) -> {
            check(Integer.valueOf(0).equals(n.get("x")), "x");
            check(Integer.valueOf(1).equals(n.get("y")), "y");
        }, o);
        assertEquals("Namespace(x=0, y=1)", o.toString());
    }
}

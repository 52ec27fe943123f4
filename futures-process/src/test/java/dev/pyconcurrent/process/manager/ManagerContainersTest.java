package dev.pyconcurrent.process.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * List, dict and Namespace proxies, nested proxies, with one manager for the class.
 *
 * <p>Ports {@code _test_multiprocessing.py::_TestContainers}: {@code test_list}, {@code test_list_iter},
 * {@code test_list_proxy_in_list}, {@code test_dict}, {@code test_dict_iter}, {@code test_dict_proxy_nested},
 * {@code test_nested_queue}, {@code test_namespace}; the operator surface of
 * {@code TestSyncManagerTypes::test_list}/{@code test_dict} ({@code +=}/{@code *=}/{@code |=} return the proxy,
 * {@code *}/{@code |}/{@code copy()} plain objects, {@code setdefault}, {@code reverse}); and the repr rule of {@code _TestEvent::test_repr} under a
 * manager. {@code test_list_isinstance}/{@code test_dict_isinstance} become "implements java.util.List/Map".
 */
@Timeout(60)
class ManagerContainersTest {
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
    void listSupportsSlicingExtendTimesEqualsAndPlus() {
        ListProxy<Integer> a = manager.list(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), a.copy());
        assertEquals(List.of(), manager.list().copy());
        a.extend(List.of(5, 6, 7));
        assertEquals(List.of(5, 6, 7), a.slice(-3, Integer.MAX_VALUE));
        assertEquals(List.of(2, 3, 4), a.slice(2, 5));
        ListProxy<Integer> b = manager.list(List.of(1, 2));
        assertEquals(List.of(1, 2, 1, 2, 1, 2), b.imul(3).copy());
        List<Integer> plain = b.plus(List.of(7));
        assertInstanceOf(ArrayList.class, plain);            // `+` gives a plain list, the proxy is unchanged
        assertEquals(7, plain.size());
        assertEquals(6, b.size());
        assertEquals(List.of(1, 2), b.slice(0, 2));
    }

    @Test
    void listProxyPrintsLikePythonsList() {
        ListProxy<Object> l = manager.list(List.of("Hello", 1, 2.5));
        l.add(true);
        l.add(null);
        assertEquals("['Hello', 1, 2.5, True, None]", l.toString());
    }

    @Test
    void getValueReturnsAPlainCopyOfTheReferent() {
        ListProxy<Integer> l = manager.list(List.of(1, 2));
        Object copy = l.getValue();
        assertInstanceOf(ArrayList.class, copy);
        assertEquals(List.of(1, 2), copy);
        assertEquals(Map.of("k", 1), manager.dict(Map.of("k", 1)).getValue());
        assertEquals(2.5, manager.value('d', 2.5).getValue());
        assertEquals(List.of(1, 2), manager.array('i', List.of(1, 2)).getValue());
    }

    @Test
    void listProxyIsAJavaUtilList() {
        ListProxy<String> l = manager.list(List.of("a", "b", "c"));
        assertInstanceOf(List.class, l);
        assertTrue(l.contains("b"));
        assertEquals(1, l.indexOf("b"));
        assertEquals("c", l.get(-1));
        assertEquals("b", l.remove(1));
        assertTrue(l.remove("a"));
        assertFalse(l.remove("zzz"));
        l.add(0, "first");
        assertEquals(List.of("first", "c"), l);
        assertEquals("c", l.pop());
        assertEquals(List.of("first"), l.copy());
    }

    @Test
    void nestedListProxyMutationIsSeenThroughTheOuterList() {
        ListProxy<Object> inner = manager.list(List.of(1, 2, 3));
        ListProxy<Object> outer = manager.list(List.of(inner));
        inner.add(4);
        @SuppressWarnings("unchecked")
        ListProxy<Object> back = (ListProxy<Object>) outer.get(0);
        assertEquals(List.of(1, 2, 3, 4), back.copy());
        back.add(5);
        assertEquals(List.of(1, 2, 3, 4, 5), inner.copy());
    }

    @Test
    void listIterationGoesThroughGetAndSeesAppendsMadeMeanwhile() {
        ListProxy<Integer> l = manager.list(List.of(0, 1, 2));
        Iterator<Integer> it = l.iterator();
        assertEquals(0, it.next());
        l.add(3);
        List<Integer> rest = new ArrayList<>();
        it.forEachRemaining(rest::add);
        assertEquals(List.of(1, 2, 3), rest);
        assertFalse(it.hasNext());                           // an exhausted iterator stays empty
        assertFalse(it.hasNext());
    }

    @Test
    @SuppressWarnings("unchecked")
    void listProxiesInsideAListAreIndependent() {
        List<ListProxy<Object>> inners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inners.add(manager.list());
        }
        ListProxy<Object> outer = manager.list(inners);
        ((ListProxy<Object>) outer.get(0)).add("only the first");
        assertEquals(List.of("only the first"), inners.get(0).copy());
        assertEquals(List.of(), inners.get(1).copy());
        assertEquals(List.of(), inners.get(2).copy());
    }

    @Test
    void aSelfReferencingListPrintsAndCanBeClosed() {
        ListProxy<Object> b = manager.list();
        b.add(b);
        assertTrue(b.toString().matches("\\[<ListProxy object, typeid 'list' at 0x[0-9a-f]+>]"), b.toString());
        assertInstanceOf(ListProxy.class, b.get(0));
        b.close();
    }

    @Test
    void dictSupportsCopyKeysValuesItemsAndJavaUtilMap() {
        DictProxy<Integer, Character> d = manager.dict();
        Map<Integer, Character> expected = new LinkedHashMap<>();
        for (int i = 5; i < 8; i++) {
            d.put(i, (char) ('A' + i));
            expected.put(i, (char) ('A' + i));
        }
        assertEquals(expected, d.copy());
        assertEquals(List.of(5, 6, 7), d.keys());
        assertEquals(List.of('F', 'G', 'H'), d.valuesList());
        assertEquals(List.copyOf(expected.entrySet()), d.items());
        assertInstanceOf(Map.class, d);
        assertEquals(expected, d);
        assertEquals('G', d.get(6));
        assertEquals(null, d.get(99));
        assertThrows(NoSuchElementException.class, () -> d.getItem(99));
        assertEquals(Map.entry(7, 'H'), d.popitem());
        assertEquals("{5: 'F', 6: 'G'}", d.toString());
    }

    @Test
    void operatorsReturnTheProxyInPlaceAndPlainObjectsOtherwise() {
        ListProxy<Integer> l = manager.list(List.of(1, 2));
        assertEquals(List.of(1, 2, 1, 2), l.times(2));
        assertEquals(List.of(1, 2), l.copy(), "l * 2 leaves l alone");
        assertTrue(l.iadd(List.of(3)) == l && l.imul(2) == l, "+= and *= return the proxy");
        assertEquals(List.of(1, 2, 3, 1, 2, 3), l.copy());
        DictProxy<String, Integer> d = manager.dict(Map.of("a", 1));
        assertEquals(Map.of("a", 1, "b", 2), d.union(Map.of("b", 2)));
        assertEquals(1, d.size(), "d | other leaves d alone");
        assertTrue(d.ior(Map.of("b", 2)) == d);
        assertEquals(2, d.size());
        assertEquals(1, d.setdefault("a", 99));
        assertEquals(5, d.setdefault("c", 5));
        List<Integer> reversed = new ArrayList<>(l.copy());
        java.util.Collections.reverse(reversed);
        l.reverse();
        assertEquals(reversed, l.copy());
    }

    @Test
    void clearingADictWhileIteratingItFailsTheIteration() {
        DictProxy<Integer, Integer> d = manager.dict(Map.of(1, 1, 2, 2, 3, 3));
        Iterator<Integer> it = d.keySet().iterator();
        it.next();
        d.clear();
        assertThrows(ConcurrentModificationException.class, it::next);
    }

    @Test
    void nestedDictProxiesShareStateAndSurviveClosingTheLocalProxies() {
        DictProxy<String, Integer> pets = manager.dict(Map.of("ferrets", 2, "hamsters", 4));
        DictProxy<String, Integer> supplies = manager.dict(Map.of("water", 10, "feed", 3));
        ListProxy<Object> d = manager.list(List.of(pets, supplies));
        assertEquals(4, ((DictProxy<?, ?>) d.get(0)).get("hamsters"));
        pets.put("marmots", 1);
        assertEquals(1, ((DictProxy<?, ?>) d.get(0)).get("marmots"));
        pets.close();                                        // CPython: del pets
        supplies.close();
        assertEquals(4, ((DictProxy<?, ?>) d.get(0)).get("hamsters"));
        assertEquals(10, ((DictProxy<?, ?>) d.get(1)).get("water"));
        ListProxy<Object> outer = manager.list(List.of(List.of(1, 2)));
        assertInstanceOf(List.class, outer.get(0));          // plain lists come back as plain lists
        assertFalse(outer.get(0) instanceof BaseProxy);
    }

    @Test
    void queueProxiesStoredInAListAndADictStillWork() {
        QueueProxy<Integer> q = manager.queue();
        ListProxy<Object> l = manager.list(List.of(q));
        DictProxy<String, Object> d = manager.dict(Map.of("q", q));
        @SuppressWarnings("unchecked")
        QueueProxy<Integer> viaList = (QueueProxy<Integer>) l.get(0);
        viaList.put(123);
        @SuppressWarnings("unchecked")
        QueueProxy<Integer> viaDict = (QueueProxy<Integer>) d.get("q");
        assertEquals(123, viaDict.get());
        viaDict.put(456);
        assertEquals(456, q.get());
    }

    @Test
    void namespaceAttributesCanBeSetReadAndDeleted() {
        NamespaceProxy n = manager.namespace();
        n.set("name", "Bob");
        n.set("job", "Builder");
        n.set("_hidden", "secret");
        assertEquals("Bob", n.get("name"));
        assertEquals("secret", n.get("_hidden"));
        assertEquals("Namespace(job='Builder', name='Bob')", n.toString());
        n.delete("job");
        assertEquals("Namespace(name='Bob')", n.toString());
        assertThrows(NoSuchElementException.class, () -> n.get("job"));
    }

    @Test
    void proxyReprNamesTheProxyClassAndTypeid() {
        EventProxy e = manager.event();
        assertTrue(e.toString().matches("<EventProxy object, typeid 'Event' at 0x[0-9a-f]+>"), e.toString());
        assertTrue(e.str().startsWith("<threading.Event at 0x"), e.str());
    }
}

package dev.pyconcurrent.process.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A custom manager: registration, exposure rules, remote exceptions, iterator and {@code method_to_typeid}
 * proxies.
 *
 * <p>Ports {@code _test_multiprocessing.py::_TestMyManager}: {@code test_mymanager} (Foo/Bar/baz, exposure,
 * ValueError re-raised, unexposed method → RemoteError), {@code test_mymanager_context} (exit code 0 or −SIGTERM
 * after the {@code with} block). {@code test_mymanager_context_prestarted} is the same in Java (a started manager
 * in try-with-resources) and not repeated.
 */
@Timeout(60)
class MyManagerTest {
    private static BaseManager manager;

    /** CPython's {@code FooBar}: two public methods and one "private" one. */
    public static final class FooBar {
        public String f() {
            return "f()";
        }

        public void g() {
            throw new IllegalArgumentException("g()");
        }

        public String _h() {
            return "_h()";
        }

        /** Its result is shared in turn (method_to_typeid), coming back as an IteratorProxy. */
        public Iterator<Integer> squares() {
            return baz();
        }
    }

    /** CPython's generator {@code baz()}: squares of 0..9. */
    static Iterator<Integer> baz() {
        return IntStream.range(0, 10).map(i -> i * i).boxed().iterator();
    }

    static BaseManager myManager() {
        BaseManager m = new BaseManager(null, null, "jdk-trusted", Duration.ofSeconds(5));
        m.register("Foo", args -> new FooBar());
        m.register("Bar", args -> new FooBar(), List.of("f", "_h"));
        m.register("baz", args -> baz(), IteratorProxy::new);
        m.register(new Registration("FooWithIterator", args -> new FooBar(), null, Map.of("squares", "Iter"), null));
        m.register(new Registration("Iter", null, null, null, IteratorProxy::new));
        m.register("Failing", args -> {
            throw new IllegalStateException("cannot make one");
        });
        return m;
    }

    @BeforeAll
    static void startManager() {
        manager = myManager();
        manager.start();
    }

    @AfterAll
    static void stopManager() {
        manager.shutdown();
    }

    @Test
    void byDefaultOnlyPublicMethodsAreExposed() throws Exception {
        AutoProxy foo = manager.create(AutoProxy.class, "Foo");
        assertEquals(List.of("f", "g", "squares"), foo.exposed());
        assertEquals("f()", foo.invoke("f"));
    }

    @Test
    void anExceptionOfTheReferentIsRethrownWithItsType() {
        AutoProxy foo = manager.create(AutoProxy.class, "Foo");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> foo.invoke("g"));
        assertEquals("g()", e.getMessage());
        assertTrue(e.getStackTrace().length > 0 && e.getStackTrace()[0].getMethodName().equals("g"),
                "the server-side stack trace travels with it");
        assertEquals(1, e.getSuppressed().length, "the local call site is attached");
    }

    @Test
    void callingAnUnexposedMethodIsARemoteError() {
        AutoProxy foo = manager.create(AutoProxy.class, "Foo");
        RemoteErrorException e = assertThrows(RemoteErrorException.class, () -> foo.callMethod("_h"));
        assertTrue(e.remoteText().contains("not in exposed"), e.getMessage());
        assertTrue(e.getMessage().startsWith("\n" + "-".repeat(75) + "\n"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> foo.invoke("_h"), "AutoProxy refuses it locally");
    }

    @Test
    void anExplicitExposedListExposesExactlyThoseMethods() throws Exception {
        AutoProxy bar = manager.create(AutoProxy.class, "Bar");
        assertEquals(List.of("f", "_h"), bar.exposed());
        assertEquals("f()", bar.invoke("f"));
        assertEquals("_h()", bar.invoke("_h"));
        assertThrows(RemoteErrorException.class, () -> bar.callMethod("g"));
    }

    @Test
    void anIteratorTypeIsIteratedThroughItsProxy() {
        IteratorProxy it = manager.create(IteratorProxy.class, "baz");
        List<Object> got = new ArrayList<>();
        it.forEachRemaining(got::add);
        assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81), got);
    }

    @Test
    void aMethodMappedToATypeidReturnsAProxyOfThatType() throws Exception {
        AutoProxy foo = manager.create(AutoProxy.class, "FooWithIterator");
        Object result = foo.callMethod("squares");
        IteratorProxy it = assertInstanceOf(IteratorProxy.class, result);
        assertEquals("Iter", it.typeid());
        assertEquals(0, it.next());
        assertEquals(1, it.next());
    }

    @Test
    void aFailingCallableIsARemoteErrorNamingItsException() {
        RemoteErrorException e = assertThrows(RemoteErrorException.class, () -> manager.create("Failing"));
        assertTrue(e.remoteText().contains("cannot make one"), e.getMessage());
    }

    @Test
    void anUnregisteredTypeidIsRefusedLocally() {
        assertThrows(IllegalArgumentException.class, () -> manager.create("Nope"));
    }

    @Test
    void managerInTryWithResourcesExitsWithCodeZeroOrSigterm() throws Exception {
        BaseManager m = myManager();
        try (m) {
            m.start();
            assertEquals("f()", ((AutoProxy) m.create("Foo")).invoke("f"));
        }
        Integer code = m.process().exitCode();
        assertTrue(code != null && (code == 0 || code == -15), "exit code " + code);
        assertEquals("SHUTDOWN", m.stateName());
    }
}

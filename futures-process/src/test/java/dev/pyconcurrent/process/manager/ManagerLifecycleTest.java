package dev.pyconcurrent.process.manager;

import static dev.pyconcurrent.process.manager.Children.check;
import static dev.pyconcurrent.process.manager.Children.runInChild;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.ipc.shared.Value;

/**
 * The manager's life cycle and the server's reference counts.
 *
 * <p>Covers {@code BaseManager} states (CPython's {@code State}: "Already started server", "Manager has shut
 * down"), {@code _finalize_manager} (the process is gone after {@code shutdown()}, exit code 0), the refcount rules
 * of {@code Server.incref/decref} seen through {@code _number_of_objects()} / {@code _debug_info()} (as
 * {@code ManagerMixin.tearDownClass} checks), and that a proxy whose manager is gone fails at once instead of
 * hanging.
 */
@Timeout(60)
class ManagerLifecycleTest {
    private static SyncManager shared;

    @BeforeAll
    static void startShared() {
        shared = SyncManager.startNew();
    }

    @AfterAll
    static void stopShared() {
        shared.shutdown();
    }

    @Test
    void shutdownEndsTheServerProcessAndRemovesItsSocketFile() throws Exception {
        SyncManager m = SyncManager.startNew();
        Path socket = Path.of(m.address());
        assertTrue(Files.exists(socket), "the server listens on " + socket);
        m.shutdown();
        assertFalse(m.process().isAlive());
        assertEquals(0, m.process().exitCode());
        assertFalse(Files.exists(socket), "socket file left behind: " + socket);
        assertEquals("SHUTDOWN", m.stateName());
    }

    @Test
    void aShutDownManagerStaysShutDownAndItsProxiesFailAtOnce() {
        SyncManager m = SyncManager.startNew();
        ListProxy<Integer> l = m.list(List.of(1));
        m.shutdown();
        m.shutdown();                                        // idempotent
        assertThrows(ManagerConnectionException.class, l::size);
        assertThrows(ManagerConnectionException.class, l::size, "still failing on the next call");
        assertThrows(IllegalStateException.class, m::start, "Manager has shut down");
        assertThrows(IllegalStateException.class, m::list);
        assertEquals("SHUTDOWN", m.stateName());
    }

    @Test
    void aBlockedCallFailsWhenTheManagerProcessIsKilled() throws Exception {
        SyncManager m = SyncManager.startNew();
        try {
            QueueProxy<Object> q = m.queue();
            CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(q::get);
            m.process().kill();
            ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(20, TimeUnit.SECONDS));
            assertInstanceOf(ManagerConnectionException.class, e.getCause());
            assertThrows(ManagerConnectionException.class, q::qsize);
        } finally {
            m.shutdown();
        }
    }

    @Test
    void aJvmThatForgetsShutdownStillExitsAndTakesItsManagerAlong() throws Exception {
        Value managerPid = new Value('q', 0L);
        runInChild((Value pid) -> {
            SyncManager forgotten = SyncManager.startNew();  // never shut down: main just returns
            forgotten.list(List.of("left behind"));
            pid.set(forgotten.process().pid());
        }, managerPid);
        long pid = managerPid.getLong();
        assertTrue(pid > 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void startTwiceIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, shared::start);
        assertEquals("Already started server", e.getMessage());
    }

    @Test
    void creatingBeforeStartIsRefused() {
        SyncManager m = new SyncManager();
        IllegalStateException e = assertThrows(IllegalStateException.class, m::list);
        assertEquals("server not yet started", e.getMessage());
    }

    @Test
    void closingTheOnlyProxyReleasesTheObject() {
        int before = shared.numberOfObjects();
        ListProxy<Integer> l = shared.list();
        assertEquals(before + 1, shared.numberOfObjects());
        l.close();
        l.close();                                           // once only
        assertEquals(before, shared.numberOfObjects());
        assertThrows(IllegalStateException.class, l::size, "a closed proxy refuses calls");
    }

    @Test
    void aCollectedProxyReleasesItsObject() {
        shared.list(List.of("collect me"));                  // dropped at once
        assertTrue(shared.debugInfo().contains("collect me"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            return !shared.debugInfo().contains("collect me");
        });
    }

    @Test
    void aProxyPassedToAChildTakesAndGivesBackItsOwnReference() throws Exception {
        ListProxy<String> l = shared.list();
        runInChild((ListProxy<String> copy) -> {
            copy.add("from the child");
            check(copy.size() == 1, "the child sees the object");
        }, l);
        String info = shared.debugInfo();
        assertTrue(info.contains("refcount=1\n    ['from the child']"), "the child's reference was returned:\n"
                + info);
        l.close();
        assertFalse(shared.debugInfo().contains("from the child"));
    }

    @Test
    void aProxyOfAnUnknownObjectIdIsARemoteError() {
        ListProxy<Integer> l = shared.list();
        AutoProxy bogus = new AutoProxy(new ProxySpec(new Token("list", shared.address(), "ffffff"),
                shared.serializerName(), null, dev.pyconcurrent.ipc.host.ProcessAuthKey.get(), null, false, true));
        RemoteErrorException e = assertThrows(RemoteErrorException.class, () -> bogus.callMethod("len"));
        assertTrue(e.remoteText().contains("no shared object"), e.getMessage());
        assertEquals(0, l.size(), "the connection stays usable");
    }
}

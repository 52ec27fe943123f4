package dev.pyconcurrent.process.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.ipc.connection.Addresses;
import dev.pyconcurrent.ipc.serialization.SerializationException;
import dev.pyconcurrent.process.manager.referents.ThreadQueue;

/**
 * A manager on TCP with its own random authkey, reached by a second manager object that only {@code connect()}s.
 *
 * <p>Ports {@code _test_multiprocessing.py::_TestRemoteManager::test_remote}: a manager on {@code (HOST, 0)} with a
 * random 32-byte authkey and a non-default serializer (CPython: {@code xmlrpclib}; here the strict {@code jdk}
 * allow-list serializer); a second manager object {@code connect()}s with the same key and gets the queue proxy;
 * values round-trip; putting an unserializable object raises. Added: a wrong authkey is refused with a clear
 * exception; {@code _TestManagerRestart::test_rapid_restart} (a new manager on the same TCP address right after
 * shutdown); a server from {@code get_server()} serving in this JVM.
 */
@Timeout(60)
class RemoteManagerTest {
    private static final byte[] AUTHKEY = new byte[32];
    private static BaseManager server;

    /** The one queue {@code get_queue} returns, as CPython's module-level {@code queue.Queue()}. */
    public static final class Global {
        static final ThreadQueue QUEUE = new ThreadQueue(0);
    }

    @BeforeAll
    static void startServer() {
        new SecureRandom().nextBytes(AUTHKEY);
        server = new BaseManager(new InetSocketAddress("localhost", 0), AUTHKEY, "jdk", Duration.ofSeconds(1));
        server.register("get_queue", args -> Global.QUEUE, QueueProxy::new);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.shutdown();
    }

    private static BaseManager client(byte[] authkey) {
        BaseManager m = new BaseManager(server.address(), authkey);
        m.register(new Registration("get_queue", null, null, null, QueueProxy::new));
        return m;
    }

    @Test
    void theServerListensOnTheTcpPortTheSystemChose() {
        assertTrue(server.address().matches("(localhost|127\\.0\\.0\\.1):\\d+") && !server.address().endsWith(":0"),
                server.address());
    }

    @Test
    void aSecondManagerConnectsWithTheSameAuthkeyAndSharesTheQueue() {
        BaseManager other = new BaseManager(Addresses.parse(server.address()), AUTHKEY, "jdk", Duration.ofSeconds(1));
        other.register(new Registration("get_queue", null, null, null, QueueProxy::new));
        other.connect();
        @SuppressWarnings("unchecked")
        QueueProxy<Object> queue = other.create(QueueProxy.class, "get_queue");
        List<Object> values = Arrays.asList("hello world", null, true, 2.25, "hall\u00e5 v\u00e4rlden",
                "\u043f\u0440\u0438\u0432\u0456\u0442 \u0441\u0432\u0456\u0442", List.of(1, 2));
        queue.put(values);
        @SuppressWarnings("unchecked")
        QueueProxy<Object> same = server.create(QueueProxy.class, "get_queue");
        assertEquals(values, same.get());
        other.shutdown();                                    // a connected manager leaves the server running
        assertEquals("STARTED", server.stateName());
        assertTrue(server.process().isAlive());
    }

    @Test
    void puttingAnUnserializableObjectRaisesAndTheProxyStaysUsable() {
        BaseManager other = client(AUTHKEY);
        other.connect();
        @SuppressWarnings("unchecked")
        QueueProxy<Object> queue = other.create(QueueProxy.class, "get_queue");
        assertThrows(SerializationException.class, () -> queue.put(new Object()));
        queue.put("still fine");
        assertEquals("still fine", queue.get());
    }

    @Test
    void aWrongAuthkeyIsRefused() {
        byte[] wrong = AUTHKEY.clone();
        wrong[0] ^= 1;
        ManagerConnectionException e = assertThrows(ManagerConnectionException.class, () -> client(wrong).connect());
        assertTrue(e.getMessage().contains("refused the authkey"), e.getMessage());
    }

    @Test
    void aManagerCanBeRestartedOnTheSameAddressRightAfterShutdown() throws Exception {
        SyncManager first = new SyncManager(new InetSocketAddress("127.0.0.1", 0), AUTHKEY);
        first.start();
        String address = first.address();
        first.list(List.of(1)).close();
        first.shutdown();
        SyncManager second = new SyncManager(Addresses.parse(address), AUTHKEY);
        try (second) {
            second.start();                                  // SO_REUSEADDR: the port is free again at once
            assertEquals(address, second.address());
            assertEquals(List.of(2), second.list(List.of(2)).copy());
        }
    }

    @Test
    void aServerFromGetServerServesInThisJvm() throws Exception {
        BaseManager local = new BaseManager(new InetSocketAddress("127.0.0.1", 0), AUTHKEY);
        local.register("get_queue", args -> Global.QUEUE, QueueProxy::new);
        Server s = local.getServer();
        Thread serving = new Thread(() -> {
            try {
                s.serveForever();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serve-forever");
        serving.start();
        try {
            BaseManager client = new BaseManager(Addresses.parse(s.address()), AUTHKEY);
            client.register(new Registration("get_queue", null, null, null, QueueProxy::new));
            client.connect();
            @SuppressWarnings("unchecked")
            QueueProxy<String> q = client.create(QueueProxy.class, "get_queue");
            q.put("served here");
            assertEquals("served here", Global.QUEUE.get());  // the same object: the server runs in this JVM
        } finally {
            s.stop();
            serving.join(10_000);
        }
        assertFalse(serving.isAlive());
    }

    @Test
    void connectingWhereNoManagerListensFailsAtOnce() {
        BaseManager nobody = new BaseManager("localhost:1", AUTHKEY);
        assertThrows(ManagerConnectionException.class, nobody::connect);
    }
}

package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.host.ProcessAuthKey;
import dev.pyconcurrent.ipc.testing.ChildJvm;
import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ConnectionWait}, CPython's {@code multiprocessing.connection.wait}. Ports
 * {@code _test_multiprocessing.py::TestWait}: {@code test_wait} and {@code test_wait_slow} (4 child JVMs, 10 messages
 * each, EOF marks a finished reader), {@code test_wait_timeout}, {@code test_wait_integer} (process sentinels are
 * futures here, mixed with connections) and {@code test_neg_timeout}. Not ported: {@code test_wait_socket*} (raw
 * sockets are not accepted, see the class Javadoc).
 */
@Timeout(60)
class ConnectionWaitTest {

    /** Child: connects back, sends {@code i * 10 + k} for k in 0..9 (with a pause if slow), then closes. */
    static void sendTen(Object[] args) throws Exception {
        String address = (String) args[0];
        int i = (Integer) args[1];
        boolean slow = (Boolean) args[2];
        try (Connection c = Client.connect(Addresses.parse(address), ProcessAuthKey.get())) {
            for (int k = 0; k < 10; k++) {
                c.send(i * 10 + k);
                if (slow) {
                    Thread.sleep(5); // test_wait_slow: messages trickle in
                }
            }
        }
    }

    private static void waitMultiplexesChildren(boolean slow) throws Exception {
        List<ChildJvm> children = new ArrayList<>();
        List<Connection> readers = new ArrayList<>();
        try (Listener listener = new Listener(Addresses.arbitraryUnix(), ProcessAuthKey.get())) {
            String address = listener.address().toString();
            for (int i = 0; i < 4; i++) {
                children.add(ChildJvm.start(ConnectionWaitTest.class, "sendTen", address, i, slow));
            }
            for (int i = 0; i < 4; i++) {
                readers.add(listener.accept());
            }
        }
        Set<Object> got = new HashSet<>();
        List<Connection> open = new ArrayList<>(readers);
        while (!open.isEmpty()) {
            for (Connection r : ConnectionWait.ready(open, Duration.ofSeconds(30))) {
                try {
                    assertTrue(got.add(r.recv()), "a message arrived twice");
                } catch (EOFException finished) {
                    open.remove(r);                      // EOFError marks a reader whose writer closed
                    r.close();
                }
            }
        }
        Set<Object> expected = new HashSet<>();
        for (int n = 0; n < 40; n++) {
            expected.add(n);
        }
        assertEquals(expected, got);
        for (ChildJvm child : children) {
            child.assertSucceeds(Duration.ofSeconds(20));
        }
    }

    @Test
    void waitMultiplexesFourChildProcessesUntilEveryReaderIsAtEndOfFile() throws Exception { // test_wait
        waitMultiplexesChildren(false);
    }

    @Test
    void waitMultiplexesChildrenWhoseMessagesTrickleIn() throws Exception { // test_wait_slow
        waitMultiplexesChildren(true);
    }

    @Test
    void withNothingReadyWaitReturnsEmptyAfterTheTimeoutThenTheReadableEnd() throws Exception { // test_wait_timeout
        try (Pipe p = Pipe.open()) {
            Connection a = p.first();
            Connection b = p.second();
            long t0 = System.nanoTime();
            assertEquals(List.of(), ConnectionWait.ready(List.of(a, b), Duration.ofMillis(300)));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(200), "returned before the timeout");
            b.send(null);
            assertEquals(List.of(a), ConnectionWait.ready(List.of(a, b), Duration.ofSeconds(10)));
            assertEquals(List.of(a), ConnectionWait.ready(List.of(a, b), Duration.ofSeconds(10)),
                    "wait never consumes: the message is still there");
            a.recv();
        }
    }

    @Test
    void aNegativeTimeoutOnlyChecks() throws Exception { // test_neg_timeout
        try (Pipe p = Pipe.open()) {
            long t0 = System.nanoTime();
            assertEquals(List.of(), ConnectionWait.ready(List.of(p.first()), Duration.ofSeconds(-1)));
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void futuresStandForProcessSentinelsAndMixWithConnections() throws Exception { // test_wait_integer
        try (Pipe p = Pipe.open()) {
            CompletableFuture<Integer> sentinel = new CompletableFuture<>();
            List<Object> objects = List.of(p.first(), sentinel);
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> sentinel.complete(0));
            assertEquals(List.of(sentinel), ConnectionWait.ready(objects, Duration.ofSeconds(10)));
            p.second().send("x");
            assertEquals(objects, ConnectionWait.ready(objects, Duration.ofSeconds(10)), "both ready, in order");
        }
    }

    @Test
    void aReaderWhosePeerClosedIsReadyAndRecvThenSaysEndOfFile() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.second().close();
            assertEquals(List.of(p.first()), ConnectionWait.ready(List.of(p.first()), Duration.ofSeconds(10)));
            assertThrows(EOFException.class, () -> p.first().recv());
        }
    }

    @Test
    void anInterruptEndsTheWait() throws Exception {
        try (Pipe p = Pipe.open()) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptedException.class, () -> ConnectionWait.ready(List.of(p.first())));
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void aClosedConnectionIsAnErrorNotAnEmptyWait() throws Exception {
        Pipe p = Pipe.open();
        p.first().close();
        try {
            assertThrows(IOException.class, () -> ConnectionWait.ready(List.of(p.first()), Duration.ofSeconds(10)));
        } finally {
            p.close();
        }
    }

    @Test
    void otherObjectsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionWait.ready(List.of("not a connection"), Duration.ZERO));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }
}

package dev.pyconcurrent.ipc.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Event} in its host JVM. Port of CPython's {@code _test_multiprocessing.py::_TestEvent::test_event}
 * (the part with a setter process is in {@link SyncCrossProcessTest}); {@code test_repr} (P3) is
 * covered only loosely by {@code toString}.
 */
@Timeout(30)
class EventTest {

    @Test
    void waitReturnsTheFlag() throws Exception {
        Event e = new Event();
        assertFalse(e.isSet());
        assertFalse(e.await(0));
        long t0 = System.nanoTime();
        assertFalse(e.await(0.1));
        assertTrue(System.nanoTime() - t0 >= 90_000_000L);
        e.set();
        assertTrue(e.isSet());
        long t1 = System.nanoTime();
        assertTrue(e.await());
        assertTrue(e.await(10));
        // Far below the 10 s timeout, far above any scheduling stall of a loaded machine.
        assertTrue(System.nanoTime() - t1 < 5_000_000_000L, "a set event does not wait");
        e.clear();
        assertFalse(e.isSet());
        assertTrue(e.toString().endsWith("unset>"));
    }

    @Test
    void setWakesABlockedWaiter() throws Exception {
        Event e = new Event();
        AtomicBoolean result = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                result.set(e.await(10));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        org.awaitility.Awaitility.await().until(() -> t.getState() == Thread.State.TIMED_WAITING);
        e.set();
        t.join(5_000);
        assertTrue(result.get());
    }
}

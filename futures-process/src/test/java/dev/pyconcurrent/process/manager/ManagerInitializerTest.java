package dev.pyconcurrent.process.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.pyconcurrent.ipc.shared.Value;

/**
 * {@code start(initializer, initargs)} runs the initializer in the server process before it serves.
 *
 * <p>Ports {@code _test_multiprocessing.py::TestInitializers::test_manager_initializer} (the initializer gets its
 * argument and runs once, in the manager process). CPython's {@code start(1)} → {@code TypeError} is a compile-time
 * error in Java (the initializer is a typed {@code ProcessTarget}). Added: a failing initializer makes
 * {@code start()} fail with the server-side stack trace.
 */
@Timeout(60)
class ManagerInitializerTest {

    @Test
    void initializerRunsOnceInTheServerProcessWithItsArgument() throws Exception {
        Value seen = new Value('q', 0L);                     // shared memory: the server process writes its pid
        SyncManager m = new SyncManager();
        try (m) {
            m.start((Value v) -> v.set(v.getLong() == 0 ? ProcessHandle.current().pid() : -1), seen);
            assertEquals(m.process().pid(), seen.getLong());
            assertTrue(m.list().isEmpty(), "the manager serves after its initializer");
        }
    }

    @Test
    void aFailingInitializerFailsStartWithItsStackTrace() throws Exception {
        SyncManager m = new SyncManager();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> m.start(() -> {
                    throw new IllegalArgumentException("initializer refuses");
                }));
        assertTrue(e.getMessage().contains("initializer refuses"), e.getMessage());
        assertEquals("INITIAL", m.stateName());
    }
}

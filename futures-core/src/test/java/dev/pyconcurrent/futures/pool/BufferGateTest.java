package dev.pyconcurrent.futures.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Specs of {@link BufferGate}, the back-pressure of CPython main's {@code imap(..., buffersize)} (its
 * {@code threading.Semaphore(buffersize)}), state by state. End-to-end behaviour is ported from CPython's
 * {@code _TestPool} buffersize tests in the pools' own test classes.
 */
class BufferGateTest {
    @Test
    void givesExactlyBuffersizePermits() {
        BufferGate gate = new BufferGate(3);
        assertTrue(gate.tryAcquire());
        assertTrue(gate.tryAcquire());
        assertTrue(gate.tryAcquire());
        assertFalse(gate.tryAcquire());
    }

    @Test
    void buffersizeBelowOneIsRefusedWithCPythonsMeaning() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BufferGate(0));
        assertEquals("buffersize must be null or > 0, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BufferGate(-1));
    }

    @Test
    void releaseGivesOneMorePermit() {
        BufferGate gate = new BufferGate(1);
        assertTrue(gate.tryAcquire());
        gate.release();
        assertTrue(gate.tryAcquire());
        assertFalse(gate.tryAcquire());
    }

    @Test
    void parkIsRefusedWhileAPermitIsLeft() {
        BufferGate gate = new BufferGate(1);
        assertFalse(gate.park(() -> { }));
    }

    @Test
    void releaseResumesAParkedJobOnce() {
        BufferGate gate = new BufferGate(1);
        gate.tryAcquire();
        AtomicInteger resumed = new AtomicInteger();
        assertTrue(gate.park(resumed::incrementAndGet));
        gate.release();
        gate.release();
        assertEquals(1, resumed.get());
        assertEquals(2, gate.availablePermits());
    }

    @Test
    void closeResumesAParkedJobAndRefusesFurtherPermits() {
        BufferGate gate = new BufferGate(1);
        gate.tryAcquire();
        AtomicInteger resumed = new AtomicInteger();
        gate.park(resumed::incrementAndGet);
        gate.close();
        assertEquals(1, resumed.get());
        assertFalse(gate.tryAcquire());
        assertTrue(gate.isClosed());
    }

    @Test
    void aClosedGateStaysClosedWhateverIsReleased() {
        BufferGate gate = new BufferGate(2);
        gate.close();
        gate.release();
        gate.close();
        assertFalse(gate.tryAcquire());
        assertFalse(gate.park(() -> { }), "a closed gate parks nothing: the job must end");
        assertEquals("BufferGate[CLOSED]", gate.toString());
    }

    @Test
    void aSecondParkedJobIsAProgrammingError() {
        BufferGate gate = new BufferGate(1);
        gate.tryAcquire();
        gate.park(() -> { });
        assertThrows(IllegalStateException.class, () -> gate.park(() -> { }));
    }
}

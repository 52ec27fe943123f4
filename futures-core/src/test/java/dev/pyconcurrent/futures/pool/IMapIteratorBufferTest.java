package dev.pyconcurrent.futures.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.pyconcurrent.futures.CancelledException;
import dev.pyconcurrent.futures.ExecutionFailedException;

/**
 * How {@link IMapIterator} and {@link IMapUnorderedIterator} open their {@link BufferGate}: CPython main's
 * {@code IMapIterator.next()} releasing {@code _backpressure_sema} once per task handed out. Driven without a pool,
 * the way a pool's workers drive the iterator.
 */
class IMapIteratorBufferTest {
    private final Map<Long, JobResult> cache = new ConcurrentHashMap<>();

    /** A gate whose permits are all taken, as after the task handler read {@code buffersize} tasks. */
    private static BufferGate fullGate(int buffersize) {
        BufferGate gate = new BufferGate(buffersize);
        for (int i = 0; i < buffersize; i++) {
            gate.tryAcquire();
        }
        return gate;
    }

    @Test
    void eachResultHandedOutFreesOnePlace() {
        BufferGate gate = fullGate(2);
        IMapIterator<String> it = new IMapIterator<>(1, cache, false, gate);
        it.set(0, true, "a");
        it.set(1, true, "b");
        assertEquals(0, gate.availablePermits(), "arrived but not taken: still in the buffer");
        assertEquals("a", it.next());
        assertEquals(1, gate.availablePermits());
        assertEquals("b", it.next());
        assertEquals(2, gate.availablePermits());
    }

    @Test
    void resultWaitingForItsTurnKeepsItsPlace() {
        BufferGate gate = fullGate(2);
        IMapIterator<String> it = new IMapIterator<>(2, cache, false, gate);
        it.set(1, true, "b");
        assertFalse(gate.tryAcquire());
        it.set(0, true, "a");
        it.next();
        assertEquals(1, gate.availablePermits());
    }

    @Test
    void chunkFreesItsPlaceWhenItsFirstElementIsTaken() {
        BufferGate gate = fullGate(1);
        IMapIterator<Integer> it = new IMapIterator<>(3, cache, true, gate);
        it.set(0, true, List.of(1, 2, 3));
        assertEquals(1, it.next());
        assertEquals(1, gate.availablePermits());
        it.next();
        it.next();
        assertEquals(1, gate.availablePermits(), "one task, one place");
    }

    @Test
    void failedTaskFreesItsPlaceToo() {
        BufferGate gate = fullGate(1);
        IMapIterator<Integer> it = new IMapUnorderedIterator<>(4, cache, false, gate);
        it.set(0, false, new IllegalStateException("boom"));
        assertThrows(ExecutionFailedException.class, it::next);
        assertEquals(1, gate.availablePermits());
    }

    @Test
    void abortClosesTheGateSoNoMoreInputIsRead() {
        BufferGate gate = fullGate(1);
        IMapIterator<Integer> it = new IMapIterator<>(5, cache, false, gate);
        it.abort(new CancelledException("terminated"));
        assertTrue(gate.isClosed());
        assertThrows(CancelledException.class, it::next);
        assertFalse(gate.tryAcquire());
    }
}

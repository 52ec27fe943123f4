package dev.pyconcurrent.futures.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Specs of {@link GuardedTasks}, CPython's {@code Pool._guarded_task_generation} over {@code _get_tasks}. The pools'
 * own tests port {@code test_imap_handle_iterable_exception} end to end; these pin the generator alone, including
 * CPython main's {@code _guarded_task_generation_lazy} (gated by a {@link BufferGate}).
 */
class GuardedTasksTest {
    /** Tasks as strings: "s<index>:<input>", "c<index>:<chunk>", "r<index>:<message>". */
    private static final GuardedTasks.Factory<Integer, String> NAMES = new GuardedTasks.Factory<>() {
        @Override
        public String single(int index, Integer input) {
            return "s" + index + ":" + input;
        }

        @Override
        public String chunk(int index, List<Integer> chunk) {
            return "c" + index + ":" + chunk;
        }

        @Override
        public String reraise(int index, Throwable failure) {
            return "r" + index + ":" + failure.getMessage();
        }
    };

    private static List<String> drain(Iterator<String> tasks) {
        List<String> out = new ArrayList<>();
        tasks.forEachRemaining(out::add);
        return out;
    }

    /** 0, 1, 2, ... and throws when asked for item {@code failAt}. */
    private static Iterable<Integer> failingAt(int failAt, int size) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Integer next() {
                if (next == failAt) {
                    throw new IllegalStateException("input " + next + " broke");
                }
                return next++;
            }
        };
    }

    @Test
    void oneTaskPerItemWithConsecutiveIndexes() {
        assertEquals(List.of("s0:5", "s1:6", "s2:7"), drain(GuardedTasks.of(List.of(5, 6, 7), 1, false, NAMES)));
    }

    @Test
    void chunkedTasksCarryRunsOfChunksizeAndAShorterLastOne() {
        assertEquals(List.of("c0:[0, 1]", "c1:[2, 3]", "c2:[4]"),
                drain(GuardedTasks.of(List.of(0, 1, 2, 3, 4), 2, true, NAMES)));
    }

    @Test
    void inputFailureBecomesOneLastTaskAtItsPosition() {
        assertEquals(List.of("s0:0", "s1:1", "r2:input 2 broke"), drain(GuardedTasks.of(failingAt(2, 5), 1, false,
                NAMES)));
    }

    @Test
    void chunkReadHalfWayWhenTheInputFailsIsDroppedLikeCPythonsIslice() {
        assertEquals(List.of("c0:[0, 1, 2]", "r1:input 4 broke"), drain(GuardedTasks.of(failingAt(4, 9), 3, true,
                NAMES)));
    }

    @Test
    void inputIsReadOnlyAsTasksAreTaken() {
        AtomicInteger read = new AtomicInteger();
        Iterable<Integer> counting = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;                                // infinite
            }

            @Override
            public Integer next() {
                return read.incrementAndGet();
            }
        };
        Iterator<String> tasks = GuardedTasks.of(counting, 1, false, NAMES);
        assertEquals(0, read.get());
        tasks.next();
        tasks.next();
        assertEquals(2, read.get());
    }

    @Test
    void exhaustedGeneratorStaysExhausted() {
        Iterator<String> tasks = GuardedTasks.of(failingAt(0, 3), 1, false, NAMES);
        assertEquals("r0:input 0 broke", tasks.next());
        assertFalse(tasks.hasNext());
        assertFalse(tasks.hasNext());
        assertThrows(java.util.NoSuchElementException.class, tasks::next);
    }

    @Test
    void chunkedWithChunksizeBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GuardedTasks.of(List.of(1), 0, true, NAMES));
        assertEquals("Chunksize must be 1+, not 0", e.getMessage());
    }

    /** 1, 2, 3, ... forever, counting what was read. */
    private static Iterable<Integer> countingForever(AtomicInteger read) {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return read.incrementAndGet();
            }
        };
    }

    @Test
    void gatedStreamReadsExactlyBuffersizeTasksThenWaitsForRoom() {
        AtomicInteger read = new AtomicInteger();
        GuardedTasks.TaskStream<String> tasks = GuardedTasks.of(countingForever(read), 1, false, NAMES,
                new BufferGate(2));
        assertEquals(List.of("s0:1", "s1:2"), drain(tasks));
        assertEquals(2, read.get());
        assertTrue(tasks.waitingForRoom());
    }

    @Test
    void gatedStreamReadsOneMoreTaskPerRelease() {
        AtomicInteger read = new AtomicInteger();
        BufferGate gate = new BufferGate(1);
        GuardedTasks.TaskStream<String> tasks = GuardedTasks.of(countingForever(read), 1, false, NAMES, gate);
        drain(tasks);
        gate.release();
        assertEquals(List.of("s1:2"), drain(tasks));
        assertEquals(2, tasks.produced());
    }

    @Test
    void chunkedGatedStreamCountsChunksNotItems() {
        AtomicInteger read = new AtomicInteger();
        GuardedTasks.TaskStream<String> tasks = GuardedTasks.of(countingForever(read), 3, true, NAMES,
                new BufferGate(2));
        assertEquals(List.of("c0:[1, 2, 3]", "c1:[4, 5, 6]"), drain(tasks));
        assertEquals(6, read.get());
    }

    @Test
    void parkedStreamIsResumedByTheConsumersRelease() {
        BufferGate gate = new BufferGate(1);
        GuardedTasks.TaskStream<String> tasks = GuardedTasks.of(countingForever(new AtomicInteger()), 1, false,
                NAMES, gate);
        drain(tasks);
        AtomicInteger resumed = new AtomicInteger();
        assertTrue(tasks.parkUntilRoom(resumed::incrementAndGet));
        gate.release();
        assertEquals(1, resumed.get());
        assertTrue(tasks.hasNext());
    }

    @Test
    void closedGateFinishesTheStreamWithoutReadingMore() {
        AtomicInteger read = new AtomicInteger();
        BufferGate gate = new BufferGate(1);
        GuardedTasks.TaskStream<String> tasks = GuardedTasks.of(countingForever(read), 1, false, NAMES, gate);
        drain(tasks);
        gate.close();
        assertFalse(tasks.hasNext());
        assertFalse(tasks.waitingForRoom(), "finished, not waiting: the task handler announces its length");
        assertEquals(1, read.get());
    }

    @Test
    void gatedInputFailureStillBecomesTheLastTaskAtItsPosition() {
        BufferGate gate = new BufferGate(2);
        GuardedTasks.TaskStream<String> tasks = GuardedTasks.of(failingAt(3, 9), 1, false, NAMES, gate);
        assertEquals(List.of("s0:0", "s1:1"), drain(tasks));
        gate.release();
        gate.release();
        assertEquals(List.of("s2:2", "r3:input 3 broke"), drain(tasks));
        gate.release();
        assertFalse(tasks.hasNext());
        assertFalse(tasks.waitingForRoom());
    }
}

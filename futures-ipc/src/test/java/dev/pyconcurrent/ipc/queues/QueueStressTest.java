package dev.pyconcurrent.ipc.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyconcurrent.ipc.testing.ChildJvm;
import dev.pyconcurrent.ipc.testing.ChildJvms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bash test: 4 producer processes × 10,000 puts and 4 consumer processes on one {@link Queue}
 * hosted by the test JVM. Every item is delivered exactly once, and each consumer sees each
 * producer's items in increasing order (FIFO per producer). No CPython counterpart (CPython's
 * suite has no multi-process stress test for queues).
 */
@Timeout(120)
class QueueStressTest {
    static final int PRODUCERS = 4;
    static final int CONSUMERS = 4;
    static final int PER_PRODUCER = 10_000;
    static final int STOP = -1;

    private final ChildJvms children = new ChildJvms();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    static void produce(Object[] a) throws Exception {
        @SuppressWarnings("unchecked")
        Queue<Integer> q = (Queue<Integer>) a[0];
        int base = (Integer) a[1];
        for (int i = 0; i < PER_PRODUCER; i++) {
            q.put(base + i);
        }
        q.close();
        q.joinThread();
    }

    static void consume(Object[] a) throws Exception {
        @SuppressWarnings("unchecked")
        Queue<Integer> q = (Queue<Integer>) a[0];
        StringBuilder out = new StringBuilder();
        while (true) {
            int v = q.get(Duration.ofSeconds(60));
            if (v == STOP) {
                break;
            }
            out.append(v).append(',');
        }
        System.out.println(out);
    }

    @Test
    void fourProducerAndFourConsumerProcessesLoseAndDuplicateNothing() throws Exception {
        Queue<Integer> q = new Queue<>();
        List<ChildJvm> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            consumers.add(children.start(getClass(), "consume", q));
        }
        List<ChildJvm> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(children.start(getClass(), "produce", q, p * 1_000_000));
        }
        for (ChildJvm p : producers) {
            p.assertSucceeds(Duration.ofSeconds(100));
        }
        for (int c = 0; c < CONSUMERS; c++) {
            q.put(STOP);
        }
        Set<Integer> all = new HashSet<>();
        int total = 0;
        for (ChildJvm c : consumers) {
            c.assertSucceeds(Duration.ofSeconds(60));
            Map<Integer, Integer> lastByProducer = new HashMap<>();
            String line = c.output().get(0);
            if (line.isEmpty()) {
                continue;
            }
            for (String s : line.split(",")) {
                int v = Integer.parseInt(s);
                Integer last = lastByProducer.put(v / 1_000_000, v);
                assertTrue(last == null || last < v, "producer order broken: " + last + " then " + v);
                all.add(v);
                total++;
            }
        }
        assertEquals(PRODUCERS * PER_PRODUCER, total, "items delivered");
        assertEquals(PRODUCERS * PER_PRODUCER, all.size(), "distinct items delivered");
        assertTrue(q.empty());
    }
}

package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Smoke tests of article 000's thread-pool scenarios ({@code thread-pool}, {@code thread-pool-internals},
 * {@code unbounded-queue}), each run through the launcher in a fresh JVM with reduced sizes.
 */
class ThreadPoolScenariosTest {

    private static final Pattern SQUARE = Pattern.compile("thread (\\d+) square (\\d+)");

    @Test
    void threadPoolRunsEveryTaskOnceOnAtMostTheGivenThreadsAndSums285() throws Exception {
        ScenarioRun run = ScenarioRun.of("thread-pool", "2", "10", "--task-seconds", "0.05");
        assertEquals(0, run.exitCode(), run.toString());
        // Lines may be torn (two writes per line), so search the whole output rather than line by line.
        Map<Integer, Integer> squares = new HashMap<>();
        Set<String> threads = new HashSet<>();
        Matcher m = SQUARE.matcher(run.stdout());
        while (m.find()) {
            threads.add(m.group(1));
            squares.merge(Integer.parseInt(m.group(2)), 1, Integer::sum);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(1, squares.getOrDefault(i, 0), "square " + i + " not printed exactly once\n" + run);
        }
        assertEquals(10, squares.size(), run.toString());
        assertTrue(threads.size() <= 2, "more threads than asked for: " + threads + "\n" + run);
        Matcher total = Pattern.compile("total result=285 cost: (\\d+\\.\\d\\d)s").matcher(run.stdout());
        assertTrue(total.find(), run.toString());
        // Two threads cannot run ten 50 ms sleeps in less than five rounds.
        assertTrue(Double.parseDouble(total.group(1)) >= 0.24, "cost below 5 rounds of 50 ms\n" + run);
    }

    @Test
    void threadPoolSingleWritePrintsOnlyWholeLines() throws Exception {
        ScenarioRun run = ScenarioRun.of("thread-pool", "16", "32", "--task-seconds", "0.05", "--single-write");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.lines();
        assertEquals(33, lines.size(), "one line per task plus the total\n" + run);
        Set<Integer> seen = new HashSet<>();
        for (String line : lines.subList(0, 32)) {
            Matcher m = SQUARE.matcher(line);
            assertTrue(m.matches(), "torn or malformed line '" + line + "'\n" + run);
            seen.add(Integer.parseInt(m.group(2)));
        }
        assertEquals(32, seen.size(), run.toString());
        assertTrue(lines.get(32).matches("total result=10416 cost: \\d+\\.\\d\\ds"), run.toString());
    }

    @Test
    void threadPoolInternalsReusesTheIdleWorkerThenEachBurstItemIsTakenByExactlyOneWorker() throws Exception {
        ScenarioRun run = ScenarioRun.of("thread-pool-internals", "--work-ms", "30");
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.stdout();
        // Part 1: three sequential rounds on one thread, the later two through the idle semaphore.
        for (int i = 0; i < 3; i++) {
            assertTrue(out.contains("item " + i + " -> worker_0 (taken once)"), "item " + i + "\n" + run);
        }
        assertTrue(effectOfPut(run, 0).contains("threads 1/3; started worker_0"), run.toString());
        // Items 1 and 2, and the burst's first item 3, find worker_0 idle: its permit is taken, no thread starts.
        for (int i = 1; i <= 3; i++) {
            assertTrue(effectOfPut(run, i).contains("threads 1/3; no new thread: an idle worker's permit was taken"),
                    "item " + i + "\n" + run);
        }
        assertTrue(out.contains("worker_0 is WAITING"), run.toString());
        // Part 2 and 3: 12 items, each taken once, by at most three lazily started workers.
        Map<Integer, Integer> took = new HashMap<>();
        Matcher m = Pattern.compile("\\[(worker_\\d)\\s*\\+\\s*\\d+ ms\\] took item (\\d+)").matcher(out);
        Set<String> workers = new HashSet<>();
        while (m.find()) {
            workers.add(m.group(1));
            took.merge(Integer.parseInt(m.group(2)), 1, Integer::sum);
        }
        for (int i = 0; i < 12; i++) {
            assertEquals(1, took.getOrDefault(i, 0), "item " + i + " not taken exactly once\n" + run);
        }
        assertEquals(Set.of("worker_0", "worker_1", "worker_2"), workers, run.toString());
        assertEquals(3, count(out, "(no idle worker had announced itself)"),
                "worker_0 starts in part 1, worker_1 and worker_2 in the burst\n" + run);
        assertTrue(out.contains("12 items, each taken by exactly one worker; threads started: 3 of at most 3"),
                run.toString());
        assertTrue(out.contains("after shutdown(): worker_0 TERMINATED, worker_1 TERMINATED, worker_2 TERMINATED"),
                run.toString());
    }

    @Test
    void unboundedQueueGrowsTheHeapWhileTheBoundedQueueStaysUnderItsBound() throws Exception {
        ScenarioRun run = ScenarioRun.of("unbounded-queue", "--seconds", "1.5");
        assertEquals(0, run.exitCode(), run.toString());
        Matcher child = Pattern.compile("child JVM \\(pid (\\d+), started by (\\d+)\\), max heap (\\d+) MB")
                .matcher(run.stdout());
        assertTrue(child.find(), run.toString());
        assertNotEquals(child.group(1), child.group(2), run.toString());
        assertTrue(Integer.parseInt(child.group(3)) <= 64, "the child JVM did not get the small heap\n" + run);

        List<double[]> unbounded = rows(run, "unbounded");
        List<double[]> bounded = rows(run, "bounded");
        assertTrue(unbounded.size() >= 3 && bounded.size() >= 3, "too few samples\n" + run);
        for (int i = 1; i < unbounded.size(); i++) {
            assertTrue(unbounded.get(i)[0] > unbounded.get(i - 1)[0], "unbounded queue did not grow\n" + run);
        }
        double maxUnboundedQueue = unbounded.get(unbounded.size() - 1)[0];
        double maxUnboundedHeap = unbounded.stream().mapToDouble(r -> r[1]).max().orElseThrow();
        double maxBoundedQueue = bounded.stream().mapToDouble(r -> r[0]).max().orElseThrow();
        double maxBoundedHeap = bounded.stream().mapToDouble(r -> r[1]).max().orElseThrow();
        assertTrue(maxUnboundedQueue > 1000, "unbounded queue never passed the bound\n" + run);
        assertTrue(maxBoundedQueue <= 1000, "bounded queue exceeded maxQueueSize\n" + run);
        assertTrue(maxUnboundedHeap > 2 * maxBoundedHeap, "heap did not grow with the unbounded queue\n" + run);
    }

    /** The {@code queued} and {@code live heap} columns of one phase's sample rows. */
    private static List<double[]> rows(ScenarioRun run, String phase) {
        Pattern row = Pattern.compile(phase + "\\s+\\d+\\.\\d\\ds\\s+\\d+\\s+\\d+\\s+(\\d+)\\s+(\\d+\\.\\d) MB");
        List<double[]> out = new ArrayList<>();
        for (String line : run.lines()) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
            }
        }
        return out;
    }

    /** main's snapshot line right after it put {@code item} in the queue. */
    private static String effectOfPut(ScenarioRun run, int item) {
        List<String> lines = run.lines();
        int put = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("] put item " + item + " in the queue")) {
                put = i;
            }
        }
        assertTrue(put >= 0, "item " + item + " never put\n" + run);
        for (int i = put + 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("[main") && lines.get(i).contains("]   queue size ")) {
                return lines.get(i);
            }
        }
        throw new AssertionError("no snapshot after putting item " + item + "\n" + run);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}

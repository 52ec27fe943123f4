package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Smoke tests of article 002's {@code multiprocessing.Pool} scenarios ({@code pool-map}, {@code pool-apply-async},
 * {@code pool-apply}), each run through the launcher in a fresh JVM with a small pool and few calls.
 */
class MpPoolScenariosTest {
    private static final Pattern PEAK = Pattern.compile("at most (\\d+) calls? ran at once");

    private static int peak(ScenarioRun run) {
        Matcher m = PEAK.matcher(run.stdout());
        assertTrue(m.find(), run.toString());
        return Integer.parseInt(m.group(1));
    }

    /** Every number 0..n-1 printed exactly once, each on its own line (printed by the workers). */
    private static void assertEachNumberOnce(ScenarioRun run, int n) {
        List<String> lines = run.lines();
        for (int i = 0; i < n; i++) {
            String number = Integer.toString(i);
            assertEquals(1, lines.stream().filter(number::equals).count(), "number " + i + "\n" + run);
        }
    }

    @Test
    void poolMapPrintsEveryNumberFromWorkerProcessesAndReturnsThemInOrder() throws Exception {
        ScenarioRun run = ScenarioRun.of("pool-map", "--processes", "3", "--items", "20", "--work-ms", "10");
        assertEquals(0, run.exitCode(), run.toString());
        assertEachNumberOnce(run, 20);
        assertTrue(run.stdout().contains("returned 20 results in input order: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...]\n"),
                run.toString());
        assertTrue(run.stdout().contains("chunksize 2 (CPython's rule: ceil(20 / (3 workers * 4)))"), run.toString());
        assertTrue(peak(run) <= 3, run.toString());
        assertTrue(run.stdout().contains("workers: PoolWorker-"), run.toString());
        assertTrue(run.stdout().contains("after close() and join() all have exited"), run.toString());
    }

    @Test
    void poolApplyAsyncPrintsTestFirstAndRunsCallsInParallel() throws Exception {
        ScenarioRun run = ScenarioRun.of("pool-apply-async", "--processes", "3", "--items", "12", "--work-ms", "150");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("test", run.lines().get(0), "submission did not wait for any call\n" + run);
        assertEachNumberOnce(run, 12);
        int peak = peak(run);
        assertTrue(peak >= 2 && peak <= 3, "peak " + peak + "\n" + run);
        assertTrue(run.stdout().contains("the loop queued 12 calls in"), run.toString());
    }

    @Test
    void poolApplyRunsOneCallAtATimeThenPrintsTest() throws Exception {
        ScenarioRun run = ScenarioRun.of("pool-apply", "--processes", "3", "--items", "8", "--work-ms", "20");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.lines();
        for (int i = 0; i < 8; i++) {
            assertEquals(Integer.toString(i), lines.get(i), "strictly in order\n" + run);
        }
        assertEquals("test", lines.get(8), run.toString());
        assertEquals(1, peak(run), run.toString());
    }

    @Test
    void poolImapKeepsInputOrderImapUnorderedDoesNotAndBuffersizeReadsAnEndlessInputLazily() throws Exception {
        ScenarioRun run = ScenarioRun.of("pool-imap", "--processes", "2", "--items", "8", "--step-ms", "60",
                "--buffersize", "3", "--take", "10");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("imap, input order:                [0, 1, 4, 9, 16, 25, 36, 49]\n"),
                run.toString());
        Matcher unordered = Pattern.compile("imap_unordered, completion order: \\[([0-9, ]+)]").matcher(run.stdout());
        assertTrue(unordered.find(), run.toString());
        List<Integer> got = java.util.Arrays.stream(unordered.group(1).split(", ")).map(Integer::valueOf).toList();
        assertEquals(java.util.Set.of(0, 1, 4, 9, 16, 25, 36, 49), java.util.Set.copyOf(got), run.toString());
        assertEquals(8, got.size(), run.toString());
        Matcher lazy = Pattern.compile("took 10 results, the input was read (\\d+) times").matcher(run.stdout());
        assertTrue(lazy.find(), run.toString());
        int reads = Integer.parseInt(lazy.group(1));
        assertTrue(reads >= 10 && reads <= 13, "reads " + reads + "\n" + run);
    }
}

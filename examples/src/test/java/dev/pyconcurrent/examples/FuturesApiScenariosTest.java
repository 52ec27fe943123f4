package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Smoke tests of article 002's thread-backed scenarios: {@code dummy-pool} and the concurrent.futures tour
 * ({@code executor-submit}, {@code executor-map}, {@code future-methods}, {@code wait}, {@code as-completed}), each
 * run through the launcher in a fresh JVM with reduced sizes.
 */
class FuturesApiScenariosTest {

    /** A regex for Python's repr of {@code (time.ctime(), num)}; {@code num} may itself be a regex group. */
    private static String ctimeTuple(Object num) {
        return "\\('\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}', " + num + "\\)";
    }

    @Test
    void dummyPoolMapsEveryItemOnceOnThePoolsThreadsAndReturnsThemInInputOrder() throws Exception {
        ScenarioRun run = ScenarioRun.of("dummy-pool", "--processes", "4", "--items", "40", "--io-ms", "5");
        assertEquals(0, run.exitCode(), run.toString());
        Map<Integer, Integer> printed = new HashMap<>();
        for (String line : run.lines()) {
            if (line.matches("\\d+")) {
                printed.merge(Integer.parseInt(line), 1, Integer::sum);
            }
        }
        for (int i = 0; i < 40; i++) {
            assertEquals(1, printed.getOrDefault(i, 0), "test(" + i + ") did not print exactly once\n" + run);
        }
        assertTrue(run.stdout().contains("pool.map returned 40 results in input order: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...]\n"),
                run.toString());
        Matcher threads = Pattern.compile("40 calls ran on (\\d+) threads of one process").matcher(run.stdout());
        assertTrue(threads.find(), run.toString());
        int n = Integer.parseInt(threads.group(1));
        assertTrue(n >= 1 && n <= 4, "ran on " + n + " threads of a 4-thread pool\n" + run);
    }

    @Test
    void executorSubmitPrintsTheCallsTupleAndAFinishedFuture() throws Exception {
        ScenarioRun run = ScenarioRun.of("executor-submit");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.lines();
        assertEquals(3, lines.size(), run.toString());
        assertTrue(lines.get(0).matches("submit\\(test, 1\\) returned Future@\\p{XDigit}+ state=(pending|running|finished.*)"),
                run.toString());
        assertTrue(lines.get(1).matches(ctimeTuple(1)), run.toString());
        assertTrue(lines.get(2).matches("after result\\(\\): Future@\\p{XDigit}+ state=finished returned CtimeTuple"),
                run.toString());
    }

    @Test
    void executorMapYieldsInInputOrderAlthoughTheCallsFinishInReverse() throws Exception {
        ScenarioRun run = ScenarioRun.of("executor-map", "--unit-ms", "80");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.lines();
        for (int n = 1; n <= 3; n++) {
            assertTrue(lines.get(n).matches(ctimeTuple(n)), "article part, item " + n + "\n" + run);
        }
        String out = run.stdout();
        int[] finished = {out.indexOf("call 3 finished"), out.indexOf("call 2 finished"), out.indexOf("call 1 finished")};
        List<Integer> yielded = new ArrayList<>();
        Matcher m = Pattern.compile("map yielded " + ctimeTuple("(\\d)")).matcher(out);
        int firstYield = -1;
        while (m.find()) {
            yielded.add(Integer.parseInt(m.group(1)));
            firstYield = firstYield < 0 ? m.start() : firstYield;
        }
        assertTrue(finished[0] >= 0 && finished[0] < finished[1] && finished[1] < finished[2],
                "calls did not finish 3, 2, 1\n" + run);
        assertEquals(List.of(1, 2, 3), yielded, run.toString());
        assertTrue(finished[2] < firstYield, "map yielded 1 before call 1 finished\n" + run);
    }

    @Test
    void futureMethodsShowEachStateAndWhatEachMethodReturnsThere() throws Exception {
        ScenarioRun run = ScenarioRun.of("future-methods", "--work-ms", "300");
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.stdout();
        assertTrue(out.matches("(?s).*slow: +Future@\\p{XDigit}+ state=running running\\(\\)=true done\\(\\)=false.*"), run.toString());
        assertTrue(out.matches("(?s).*quick: Future@\\p{XDigit}+ state=pending running\\(\\)=false done\\(\\)=false.*"), run.toString());
        assertTrue(out.contains("quick.cancel() = true"), run.toString());
        assertTrue(out.matches("(?s).*quick: Future@\\p{XDigit}+ state=cancelled running\\(\\)=false done\\(\\)=true cancelled\\(\\)=true.*"),
                run.toString());
        assertTrue(out.contains("slow.cancel()  = false"), run.toString());
        assertTrue(out.contains("slow.result()  = 1 "), run.toString());
        assertTrue(out.contains("quick.result() throws CancelledException"), run.toString());
        assertTrue(out.contains("failing.exception() = java.lang.IllegalArgumentException: bad input"), run.toString());
        assertTrue(out.contains("failing.result() throws ExecutionFailedException, caused by "
                + "java.lang.IllegalArgumentException: bad input"), run.toString());
        assertTrue(out.contains("callback(main) saw Future@"), run.toString());
        assertTrue(out.contains("after shutdown(): quick is CANCELLED_AND_NOTIFIED"), run.toString());
    }

    @Test
    void waitReturnsTheDoneSetEachReturnWhenAsksFor() throws Exception {
        ScenarioRun run = ScenarioRun.of("wait", "--unit-ms", "100");
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.stdout();
        assertTrue(out.matches("(?s).*wait\\(return_when=FIRST_COMPLETED\\) returned after \\d+ ms: done=\\[a\\] not_done=\\[b, c\\].*"),
                run.toString());
        assertTrue(out.matches("(?s).*wait\\(return_when=FIRST_EXCEPTION\\) returned after \\d+ ms: done=\\[a, b\\] not_done=\\[c\\].*"),
                run.toString());
        assertTrue(out.matches("(?s).*wait\\(return_when=ALL_COMPLETED\\) returned after \\d+ ms: done=\\[a, b, c\\] not_done=\\[\\].*"),
                run.toString());
    }

    @Test
    void asCompletedYieldsTheFuturesInCompletionOrderBetweenOneAndTwo() throws Exception {
        // Seed 7 draws sleeps 2, 5, 1, 5, 1 units for calls 0..4 (java.util.Random's sequence is specified).
        ScenarioRun run = ScenarioRun.of("as-completed", "--unit-ms", "100", "--seed", "7");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.lines();
        assertEquals(7, lines.size(), run.toString());
        assertEquals("1", lines.get(0), run.toString());
        assertEquals("2", lines.get(6), run.toString());
        Pattern result = Pattern.compile("Return of (\\d) \\(slept (\\d+) ms\\)");
        List<Integer> nums = new ArrayList<>();
        int previousSleep = 0;
        for (String line : lines.subList(1, 6)) {
            Matcher m = result.matcher(line);
            assertTrue(m.matches(), "'" + line + "'\n" + run);
            int slept = Integer.parseInt(m.group(2));
            assertTrue(slept >= previousSleep, "not in completion order\n" + run);
            previousSleep = slept;
            nums.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(List.of(0, 1, 2, 3, 4), nums.stream().sorted().toList(), run.toString());
        assertNotEquals(List.of(0, 1, 2, 3, 4), nums, "yielded in submission order, not completion order\n" + run);
    }
}

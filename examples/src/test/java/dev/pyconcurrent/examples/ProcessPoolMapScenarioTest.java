package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code process-pool-map} (article 003): run once with 16 items in the timeout part (so that, whatever the load,
 * some are still waiting in the work queue when the 0.7 s deadline passes); the tests check the ten steps, chunksize
 * and the timeout. Ports the behaviour of CPython's {@code test_map_timeout} (the iterator raises once the deadline
 * passes, after the results that came in time) as seen from the command line.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessPoolMapScenarioTest {

    private static final int TIMEOUT_ITEMS = 16;

    private static ScenarioRun run;
    private static long mainPid;

    @BeforeAll
    static void runTheScenario() throws Exception {
        run = ScenarioRun.of("process-pool-map", "--items", String.valueOf(TIMEOUT_ITEMS));
        Matcher m = Pattern.compile("main process pid (\\d+); ").matcher(run.stdout());
        if (m.find()) {
            mainPid = Long.parseLong(m.group(1));
        }
    }

    @Test
    void mapYieldsResultsInInputOrder() {
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("map yielded the results in input order: [0, 1, 4, 9]"), run.toString());
    }

    @Test
    void itemsAreSerializedInMainAndDeserializedInAWorkerAndTheirAnswersTheOtherWayRound() {
        assertNotEquals(0, mainPid, run.toString());
        for (int i = 0; i < 4; i++) {
            long serializedIn = pidOf("step 2", "serialize Item " + i + " ");
            long deserializedIn = pidOf("steps 3-4", "the bytes of Item " + i + " came over");
            long answerSerializedIn = pidOf("step 7", "serialize Answer " + i + " = " + i * i);
            long answerDeserializedIn = pidOf("steps 8-9", "the bytes of Answer " + i + " = " + i * i);
            assertEquals(mainPid, serializedIn, "step 2 of item " + i + "\n" + run);
            assertNotEquals(mainPid, deserializedIn, "step 4 of item " + i + "\n" + run);
            assertEquals(deserializedIn, answerSerializedIn, "steps 4 and 7 of item " + i + "\n" + run);
            assertEquals(mainPid, answerDeserializedIn, "step 9 of item " + i + "\n" + run);
        }
    }

    @Test
    void chunksizeFourSendsTwoCallsForEightItemsWithTheSameResults() {
        String results = "results [0, 1, 4, 9, 16, 25, 36, 49]";
        assertTrue(run.stdout().contains("chunksize 1: 8 items -> 8 calls, 8 call frames to the workers"
                + " (and as many result frames back); " + results), run.toString());
        assertTrue(run.stdout().contains("chunksize 4: 8 items -> 2 calls, 2 call frames to the workers"
                + " (and as many result frames back); " + results), run.toString());
        assertTrue(run.stdout().contains(": chunk of 4 calls of square [Item 4, Item 5, Item 6, Item 7]"),
                run.toString());
    }

    @Test
    void timeoutFiresAfterTheResultsThatCameInTimeInInputOrder() {
        Matcher got = Pattern.compile("got Answer (\\d+) = (\\d+) at ").matcher(run.stdout());
        int yielded = 0;
        while (got.find()) {
            assertEquals(yielded, Integer.parseInt(got.group(1)), "out of input order\n" + run);
            assertEquals((long) yielded * yielded, Long.parseLong(got.group(2)), run.toString());
            yielded++;
        }
        assertTrue(yielded <= 2, "item 2 takes 1.5 s, past the 0.7 s timeout, yet was yielded\n" + run);
        assertTrue(run.stdout().contains("FutureTimeoutException: map() timeout of 700 ms passed while waiting for"
                + " result #" + (yielded + 1)), run.toString());
    }

    @Test
    void callsStillWaitingAreCancelledAndRunningOnesRunToTheirEnd() {
        Map<Integer, String> endings = new TreeMap<>();
        Matcher m = Pattern.compile("item\\s+(\\d+) in the end: (CANCELLED|FINISHED)").matcher(run.stdout());
        while (m.find()) {
            assertEquals(null, endings.put(Integer.parseInt(m.group(1)), m.group(2)), "listed twice\n" + run);
        }
        assertEquals(TIMEOUT_ITEMS - 1, endings.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1),
                run.toString());
        assertEquals("FINISHED", endings.get(2), "the slow item was running: cancel() cannot stop it\n" + run);
        List<Integer> cancelled = new ArrayList<>();
        endings.forEach((item, ending) -> {
            if (ending.equals("CANCELLED")) {
                cancelled.add(item);
            }
        });
        assertTrue(!cancelled.isEmpty(), "nothing was cancelled\n" + run);
        // Calls enter the call queue in input order, so the ones still waiting are the last ones.
        int first = cancelled.get(0);
        assertEquals(TIMEOUT_ITEMS - first, cancelled.size(), "cancelled items " + cancelled + "\n" + run);
    }

    /** The pid on the first {@code [tag] pid N: text...} line containing {@code text}. */
    private static long pidOf(String tag, String text) {
        Pattern p = Pattern.compile("\\[" + Pattern.quote(tag) + "\\]\\s+pid (\\d+): .*" + Pattern.quote(text) + ".*");
        for (String line : run.lines()) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no '[" + tag + "] ... " + text + "' line\n" + run);
    }
}

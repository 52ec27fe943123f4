package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code process-pool-internals} (article 000, "Internal structure of process pool"): run once with three small
 * tasks on two workers; every task must pass the article's six steps in order, in the right processes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessPoolInternalsScenarioTest {

    private static final int TASKS = 3;
    private static final Pattern STEP = Pattern.compile("\\[step (\\d)\\] \\+\\s*\\d+ ms \\S+\\s+work item (\\d+): (.*)");

    private static ScenarioRun run;
    private static final Map<Long, List<Integer>> stepsByItem = new TreeMap<>();
    private static final List<Long> workerPids = new ArrayList<>();
    private static long mainPid;

    @BeforeAll
    static void runTheScenario() throws Exception {
        run = ScenarioRun.of("process-pool-internals", "--tasks", String.valueOf(TASKS), "--n", "2000000");
        Pattern main = Pattern.compile("main process pid (\\d+); a pool of 2 workers; " + TASKS + " tasks");
        Pattern worker = Pattern.compile("taken from the call queue by worker pid (\\d+)");
        for (String line : run.lines()) {
            Matcher m = main.matcher(line);
            if (m.matches()) {
                mainPid = Long.parseLong(m.group(1));
            }
            Matcher s = STEP.matcher(line);
            if (s.matches()) {
                stepsByItem.computeIfAbsent(Long.parseLong(s.group(2)), id -> new ArrayList<>())
                        .add(Integer.parseInt(s.group(1)));
                Matcher w = worker.matcher(s.group(3));
                if (w.find()) {
                    workerPids.add(Long.parseLong(w.group(1)));
                }
            }
        }
    }

    @Test
    void printsTheFlowPictureBeforeTheTrace() {
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.stdout();
        int picture = out.indexOf("submit(task) --1--> [work queue] --2--> [call queue");
        int firstStep = out.indexOf("[step 1]");
        assertTrue(picture >= 0 && firstStep > picture, run.toString());
    }

    @Test
    void everyTaskPassesStepsOneToSixInOrder() {
        assertEquals(TASKS, stepsByItem.size(), "work items traced: " + stepsByItem.keySet() + "\n" + run);
        for (Map.Entry<Long, List<Integer>> item : stepsByItem.entrySet()) {
            assertEquals(List.of(1, 2, 3, 4, 5, 6), item.getValue(), "work item " + item.getKey() + "\n" + run);
        }
    }

    @Test
    void workersAreOtherProcessesThanMain() {
        assertNotEquals(0, mainPid, run.toString());
        assertEquals(TASKS, workerPids.size(), run.toString());
        for (long pid : workerPids) {
            assertNotEquals(mainPid, pid, "a task ran in the main process\n" + run);
        }
        assertTrue(run.stdout().contains("(main process: " + mainPid + ")"), run.toString());
    }

    @Test
    void mainGetsEachResultFromItsFuture() {
        // A step 6 may end with "(held back: ...)" when main woke before the manager's step 5 report was printed.
        Pattern result = Pattern.compile("\\[step 6\\] .* main\\s+work item \\d+: future.result\\(\\) returned 3\\.14\\d+( \\(held back.*)?");
        assertEquals(TASKS, run.lines().stream().filter(l -> result.matcher(l).matches()).count(), run.toString());
        assertFalse(run.stdout().contains("Exception"), run.toString());
    }
}

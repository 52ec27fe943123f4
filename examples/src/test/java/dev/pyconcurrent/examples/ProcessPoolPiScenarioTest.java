package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code process-pool} (article 000, "Multi process"): run once through the launcher in a fresh JVM with two
 * processes and six small n (with {@code --warm}, so both workers are up before the tasks are submitted and the
 * tiny tasks are shared between them); the tests check that run's output.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProcessPoolPiScenarioTest {

    private static final List<Long> NS = List.of(200_000L, 200_001L, 200_002L, 200_003L, 200_004L, 200_005L);
    private static final Pattern LINE = Pattern.compile("process (\\d+) n=(\\d+) pi=(\\S+)");

    private static ScenarioRun run;
    /** n → printed pi, in the order the lines came. */
    private static final Map<Long, String> piByN = new LinkedHashMap<>();
    private static final Set<Long> pids = new TreeSet<>();
    private static int processLines;

    @BeforeAll
    static void runTheScenario() throws Exception {
        List<String> args = new ArrayList<>(List.of("process-pool", "--warm", "2"));
        NS.forEach(n -> args.add(String.valueOf(n)));
        run = ScenarioRun.of(args.toArray(new String[0]));
        for (String line : run.lines()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                processLines++;
                pids.add(Long.parseLong(m.group(1)));
                piByN.put(Long.parseLong(m.group(2)), m.group(3));
            }
        }
    }

    @Test
    void everyNGetsExactlyOneProcessLineAndTheRunEndsWithTheTotalCost() {
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(NS.size(), processLines, "one line per n\n" + run);
        assertEquals(new TreeSet<>(NS), new TreeSet<>(piByN.keySet()), run.toString());
        List<String> lines = run.lines();
        assertTrue(lines.get(lines.size() - 1).matches("total cost: \\d+\\.\\d\\ds"), run.toString());
    }

    @Test
    void twoProcessesShareTheTasks() {
        assertEquals(2, pids.size(), "tasks ran in " + pids + "\n" + run);
    }

    @Test
    void piValuesEqualAnIndependentJavaRecomputation() {
        for (long n : NS) {
            double s = 0;
            for (long k = 1; k <= n; k++) {
                s += 1.0 / k / k;
            }
            double expected = Math.sqrt(6 * s);
            assertEquals(expected, Double.parseDouble(piByN.get(n)), "n=" + n + "\n" + run);
        }
    }

    @Test
    void piValuesAreCPythonsToTheLastDigit() throws Exception {
        assumeTrue(PythonOracle.available(), "python3 is not on the PATH");
        String program = String.join("\n",
                "import math, sys",
                "for n in map(int, sys.argv[1:]):",
                "    s = 0.0",
                "    for i in range(n):",
                "        s += 1.0/(i+1)/(i+1)",
                "    print(n, math.sqrt(6*s))");
        List<String> python = PythonOracle.run(program, "", NS.stream().map(String::valueOf).toArray(String[]::new));
        assertEquals(NS.size(), python.size(), python.toString());
        for (String line : python) {
            String[] nAndPi = line.split(" ");
            assertEquals(nAndPi[1], piByN.get(Long.parseLong(nAndPi[0])), "n=" + nAndPi[0] + "\n" + run);
        }
    }
}

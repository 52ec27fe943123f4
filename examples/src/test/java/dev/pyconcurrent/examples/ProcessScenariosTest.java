package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Smoke tests of article 002's {@code fork} and {@code process} scenarios: real child JVMs, real pids. */
class ProcessScenariosTest {

    @Test
    void forkEquivalentChildNamesTheParentThatCreatedIt() throws Exception {
        ScenarioRun run = ScenarioRun.of("fork");
        assertEquals(0, run.exitCode(), run.toString());
        long parent = number(run, "Process \\((\\d+)\\) start\\.\\.\\.");
        long child = number(run, "just created a child process \\((\\d+)\\)");
        assertNotEquals(parent, child, run.toString());
        assertTrue(run.stdout().contains("I am child process (" + child + ") and my parent is " + parent + "."),
                run.toString());
    }

    @Test
    void processRunsTheTargetInAnotherJvmBeforeJoinReturns() throws Exception {
        ScenarioRun run = ScenarioRun.of("process");
        assertEquals(0, run.exitCode(), run.toString());
        long parent = number(run, "Parent process (\\d+)\\.");
        long child = number(run, "Run child process test \\((\\d+)\\)\\.\\.\\.");
        assertNotEquals(parent, child, run.toString());
        String out = run.stdout();
        assertTrue(out.indexOf("Run child process test") < out.indexOf("Child process end."),
                "join() returned before the child ran:\n" + run);
    }

    private static long number(ScenarioRun run, String regex) {
        Matcher m = Pattern.compile(regex).matcher(run.stdout());
        assertTrue(m.find(), "no line matching " + regex + "\n" + run);
        return Long.parseLong(m.group(1));
    }
}

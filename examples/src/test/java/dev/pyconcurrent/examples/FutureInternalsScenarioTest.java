package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code future-internals}: the waiter blocks until the worker fills the pit, then wakes with 42. */
class FutureInternalsScenarioTest {

    @Test
    void waiterBlocksThenWakesWithTheWorkersResult() throws Exception {
        ScenarioRun run = ScenarioRun.of("future-internals", "--work-ms", "100");
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.stdout();
        int blocks = out.indexOf("main blocks on the condition variable");
        int fills = out.indexOf("setResult(42)");
        int wakes = out.indexOf("woke up with result 42");
        assertTrue(blocks >= 0 && fills > blocks && wakes > fills, "hand-off out of order:\n" + run);
        assertTrue(out.contains("state=finished returned Integer"), run.toString());
    }
}

package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Smoke test of article 002's {@code manager} scenario (parent, manager server and child: three JVMs). */
@Timeout(120)
class ManagerScenarioTest {

    @Test
    void parentPrintsWhatTheChildChangedThroughTheManagerExactlyAsCPython() throws Exception {
        ScenarioRun run = ScenarioRun.of("manager");
        assertEquals(0, run.exitCode(), run.toString());
        // What python3 prints for the article's code (checked against CPython 3.11 on this machine).
        assertEquals(List.of("3.14", "array('i', [5, 1, 2, 3, 4, 5, 6, 7, 8, 9])", "['Hello']", "{1: 2}",
                "Namespace(a=10)"), run.lines(), run.toString());
    }
}

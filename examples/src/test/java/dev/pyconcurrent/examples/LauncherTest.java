package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The launcher itself: listing and unknown names. */
class LauncherTest {

    @Test
    void noArgumentsListsEveryScenarioOfTheCatalog() throws Exception {
        ScenarioRun run = ScenarioRun.of();
        assertEquals(0, run.exitCode(), run.toString());
        for (ScenarioCatalog.Scenario scenario : ScenarioCatalog.all()) {
            assertTrue(run.stdout().contains(scenario.name()), "missing " + scenario.name() + "\n" + run);
        }
    }

    @Test
    void unknownScenarioIsAnErrorThatNamesIt() throws Exception {
        ScenarioRun run = ScenarioRun.of("no-such-scenario");
        assertNotEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("no-such-scenario"), run.toString());
    }
}

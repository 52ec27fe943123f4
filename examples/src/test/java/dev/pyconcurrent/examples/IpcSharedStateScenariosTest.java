package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Smoke tests of article 002's {@code value-array} and {@code pipe} scenarios (real child JVMs). */
@Timeout(120)
class IpcSharedStateScenariosTest {

    @Test
    void parentSeesTheChildsWritesToSharedValueAndArray() throws Exception {
        ScenarioRun run = ScenarioRun.of("value-array");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("3.14", "[5, 1, 2, 3, 4, 5, 6, 7, 8, 9]"), run.lines(), run.toString());
    }

    @Test
    void parentAndChildGreetEachOtherOverThePipe() throws Exception {
        ScenarioRun run = ScenarioRun.of("pipe", "--scale", "0.1");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(List.of("Greeting from the son: Have you eaten?", "Greeting from the father: Mm."),
                run.lines(), run.toString());
    }
}

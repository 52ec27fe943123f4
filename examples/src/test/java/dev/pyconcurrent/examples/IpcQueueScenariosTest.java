package dev.pyconcurrent.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Smoke tests of the queue scenarios: article 002's {@code queue} and {@code joinable-queue}, and article 000's
 * {@code socketpair-queue}. Real child JVMs; the timings are scaled down with {@code --scale}.
 */
@Timeout(120)
class IpcQueueScenariosTest {

    @Test
    void everyItemTheWriterPutsIsGotByTheReaderInOrderBeforeItIsTerminated() throws Exception {
        ScenarioRun run = ScenarioRun.of("queue", "--scale", "0.1");
        assertEquals(0, run.exitCode(), run.toString());
        long writer = number(run, "Process to write: (\\d+)");
        long reader = number(run, "Process to read: (\\d+)");
        assertNotEquals(writer, reader, run.toString());
        List<String> lines = run.lines();
        int previousGet = -1;
        for (String item : List.of("A", "B", "C")) {
            int put = onlyIndexOf(run, "Put " + item + " to queue...");
            int get = onlyIndexOf(run, "Get " + item + " from queue.");
            assertTrue(get > put, item + " got before it was put:\n" + run);
            assertTrue(get > previousGet, "gets out of FIFO order:\n" + run);
            previousGet = get;
        }
        assertEquals("reader terminated, exit code -15", lines.get(lines.size() - 1), run.toString());
    }

    @Test
    void theReaderEndsByItselfAfterGettingEveryItemOnceTheQueueIsShutDown() throws Exception {
        ScenarioRun run = ScenarioRun.of("queue-shutdown");
        assertEquals(0, run.exitCode(), run.toString());
        int exits = onlyIndexOf(run, "Queue shut down: reader exits.");
        int previousGet = -1;
        for (String item : List.of("A", "B", "C")) {
            int get = onlyIndexOf(run, "Get " + item + " from queue.");
            assertTrue(get > previousGet && get < exits, "items lost or out of order:\n" + run);
            previousGet = get;
        }
        List<String> lines = run.lines();
        assertEquals("reader joined, exit code 0 (no terminate() needed); a put after shutdown raises "
                + "QueueShutDownException", lines.get(lines.size() - 1), run.toString());
    }

    @Test
    void mainLinePrintedOnlyAfterTheConsumerMarkedEveryProductDone() throws Exception {
        ScenarioRun run = ScenarioRun.of("joinable-queue", "--scale", "0.1", "--items", "5");
        assertEquals(0, run.exitCode(), run.toString());
        int main = onlyIndexOf(run, "Main thread");
        assertEquals(run.lines().size() - 1, main, "the main line is not the last one:\n" + run);
        for (int i = 0; i < 5; i++) {
            onlyIndexOf(run, "Producer made product" + i);
            assertTrue(onlyIndexOf(run, "Consumer got product" + i) < main, run.toString());
        }
    }

    @Test
    void socketpairStepsCarryTheSameBytesAndResultBothWays() throws Exception {
        ScenarioRun run = ScenarioRun.of("socketpair-queue", "--n", "1000");
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.stdout();
        Matcher serialized = find(run, "\\[parent (\\d+)\\] 1\\. serialize\\(task\\) -> (\\d+) bytes: aced0005");
        Matcher received = find(run, "\\[child  (\\d+)\\] 3\\. recvBytes -> (\\d+) bytes");
        assertNotEquals(serialized.group(1), received.group(1), "the task did not cross processes:\n" + run);
        assertEquals(serialized.group(2), received.group(2), "bytes written != bytes read:\n" + run);

        String computed = find(run, "running it -> ([0-9.]+)").group(1);
        assertEquals(expectedPi(1000), Double.parseDouble(computed), 1e-12, run.toString());
        assertTrue(out.contains("8. deserialize -> " + computed + "\n"), "result lost on the way back:\n" + run);

        Matcher viaQueue = find(run, "\\[child  (\\d+)\\] resultQueue\\.put\\(([0-9.]+)\\)");
        assertNotEquals(serialized.group(1), viaQueue.group(1), run.toString());
        assertEquals(computed, viaQueue.group(2), run.toString());
        assertTrue(out.contains("resultQueue.get() -> " + computed + "\n"), run.toString());
    }

    private static double expectedPi(int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += 1.0 / (i + 1) / (i + 1);
        }
        return Math.sqrt(6 * s);
    }

    static int onlyIndexOf(ScenarioRun run, String line) {
        List<String> lines = run.lines();
        int first = lines.indexOf(line);
        assertTrue(first >= 0, "missing line '" + line + "':\n" + run);
        assertEquals(first, lines.lastIndexOf(line), "line '" + line + "' printed more than once:\n" + run);
        return first;
    }

    static Matcher find(ScenarioRun run, String regex) {
        Matcher m = Pattern.compile(regex).matcher(run.stdout());
        assertTrue(m.find(), "no line matching " + regex + "\n" + run);
        return m;
    }

    static long number(ScenarioRun run, String regex) {
        return Long.parseLong(find(run, regex).group(1));
    }
}

package dev.pyconcurrent.examples;

import static dev.pyconcurrent.examples.IpcQueueScenariosTest.onlyIndexOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Smoke tests of article 002's synchronisation scenarios: {@code lock}, {@code rlock}, {@code semaphore},
 * {@code condition} and {@code event}. Real child JVMs; the timings are scaled down with {@code --scale}.
 */
@Timeout(120)
class IpcSyncScenariosTest {

    @Test
    void everyOneOfTwentyProcessesPrintsItsNumberExactlyOnce() throws Exception {
        ScenarioRun run = ScenarioRun.of("lock");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(20, run.lines().size(), run.toString());
        for (int num = 0; num < 20; num++) {
            onlyIndexOf(run, "Hello Num: " + num);
        }
    }

    @Test
    void waiterGetsTheRLockOnlyAfterTheOwnerReleasedBothLevels() throws Exception {
        ScenarioRun run = ScenarioRun.of("rlock", "--scale", "0.1");
        assertEquals(0, run.exitCode(), run.toString());
        int depth2 = indexOfLineContaining(run, "owner (", "acquire() again by its owner, no deadlock -> depth 2");
        int plainLock = indexOfLineContaining(run, "owner (", "acquire(block=False) -> false (blocking would wait forever)");
        int refused = indexOfLineContaining(run, "waiter (", "acquire(block=False) -> false: the owner holds it");
        int notOwner = indexOfLineContaining(run, "waiter (", "does not own -> IllegalMonitorStateException");
        int stillHeld = indexOfLineContaining(run, "owner (", "release() -> depth 1: still held");
        int free = indexOfLineContaining(run, "owner (", "release() -> depth 0: the lock is free");
        int acquired = indexOfLineContaining(run, "waiter (", "acquired -> depth 1");
        assertTrue(depth2 < plainLock && plainLock < refused && refused < notOwner && notOwner < stillHeld
                && stillHeld < free && free < acquired, "steps out of order:\n" + run);
    }

    @Test
    void neverMoreThanTwoUsersHoldTheSemaphore() throws Exception {
        ScenarioRun run = ScenarioRun.of("semaphore", "--scale", "0.1");
        assertEquals(0, run.exitCode(), run.toString());
        Matcher m = Pattern.compile("(user\\d) got a stall \\((\\d+) of 2 taken\\)").matcher(run.stdout());
        int entries = 0;
        while (m.find()) {
            entries++;
            int taken = Integer.parseInt(m.group(2));
            assertTrue(taken >= 1 && taken <= 2, "occupancy " + taken + " seen:\n" + run);
        }
        assertEquals(5, entries, run.toString());
        for (int i = 0; i < 5; i++) {
            int got = indexOfLineContaining(run, "user" + i + " got a stall", "");
            assertTrue(got < onlyIndexOf(run, "user" + i + " OK"), run.toString());
        }
    }

    @Test
    void stage2WaitersRunOnlyAfterStage1IsDone() throws Exception {
        ScenarioRun run = ScenarioRun.of("condition", "--scale", "0.1");
        assertEquals(0, run.exitCode(), run.toString());
        int started = onlyIndexOf(run, "Starting s1");
        int done = onlyIndexOf(run, "s1 done and ready for stage 2");
        assertTrue(started < done, run.toString());
        for (int i = 1; i <= 2; i++) {
            onlyIndexOf(run, "Starting stage_2[" + i + "]");
            assertTrue(onlyIndexOf(run, "stage_2[" + i + "] running") > done, "stage 2 ran early:\n" + run);
        }
    }

    @Test
    void timeoutWaiterGivesUpBeforeTheEventIsSetAndTheBlockingWaiterSeesItSet() throws Exception {
        ScenarioRun run = ScenarioRun.of("event", "--scale", "0.3");
        assertEquals(0, run.exitCode(), run.toString());
        onlyIndexOf(run, "wait_for_event: starting");
        onlyIndexOf(run, "wait_for_event_timeout: starting");
        int waiting = onlyIndexOf(run, "main: waiting before calling Event.set()");
        int timedOut = onlyIndexOf(run, "wait_for_event_timeout: e.is_set()-> false");
        int set = onlyIndexOf(run, "main: event is set");
        assertTrue(waiting < timedOut && timedOut < set, "timeout waiter did not give up first:\n" + run);
        assertTrue(onlyIndexOf(run, "wait_for_event: e.is_set()-> true") > waiting, run.toString());
    }

    /** The index of the only line that starts with {@code prefix} and contains {@code text}. */
    private static int indexOfLineContaining(ScenarioRun run, String prefix, String text) {
        List<String> lines = run.lines();
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix) && lines.get(i).contains(text)) {
                assertEquals(-1, found, "more than one line '" + prefix + "..." + text + "':\n" + run);
                found = i;
            }
        }
        assertTrue(found >= 0, "no line '" + prefix + "..." + text + "':\n" + run);
        return found;
    }
}

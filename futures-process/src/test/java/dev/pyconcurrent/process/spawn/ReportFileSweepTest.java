package dev.pyconcurrent.process.spawn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exit-report files left by a parent that died without running its hooks are swept by the next JVM that spawns. */
@Timeout(30)
class ReportFileSweepTest {

    @Test
    void filesOfADeadParentAreRemovedAndFilesOfALiveOneKept() throws Exception {
        java.lang.Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path orphan = Files.createFile(tmp.resolve("pyconcurrent-exit-" + gone.pid() + "-1-test" + System.nanoTime()));
        Path mine = Files.createFile(tmp.resolve("pyconcurrent-exit-" + ProcessHandle.current().pid() + "-1-test"
                + System.nanoTime()));
        try {
            ChildJvm.ReportFiles.sweepFilesOfDeadParents();
            assertFalse(Files.exists(orphan), "the dead parent's file is still there");
            assertTrue(Files.exists(mine), "a live parent's file was removed");
        } finally {
            Files.deleteIfExists(orphan);
            Files.deleteIfExists(mine);
        }
    }
}

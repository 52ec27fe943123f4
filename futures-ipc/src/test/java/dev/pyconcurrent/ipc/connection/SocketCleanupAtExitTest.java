package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real child JVM that never closes its Listener leaves no socket file and no private directory
 * behind: the shutdown hook removes them. (CPython: {@code util._exit_function} /
 * {@code Finalize} removing the {@code pymp-*} directory; no single test to port.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketCleanupAtExitTest {

    @Test
    void childJvmThatNeverClosesItsListenerLeavesNoSocketFilesBehind() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LeakyListenerMain.class.getName()).redirectErrorStream(true).start();
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child JVM did not exit");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            Path dir = Paths.get(line(out, "DIR "));
            Path file = Paths.get(line(out, "FILE "));
            assertTrue(file.startsWith(dir), out);
            assertFalse(file.toFile().exists(), "socket file left behind: " + file);
            assertFalse(dir.toFile().exists(), "private directory left behind: " + dir);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in: " + out))
                .substring(prefix.length());
    }
}

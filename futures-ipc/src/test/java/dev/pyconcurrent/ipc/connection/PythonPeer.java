package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: runs one of the small CPython scripts from test resources as a real child process,
 * with every wait bounded and the process destroyed on close.
 */
final class PythonPeer implements AutoCloseable {
    private static final String EOF_MARK = "\u0000EOF";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private PythonPeer(Process process) {
        this.process = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process gone
            } finally {
                lines.add(EOF_MARK);
            }
        }, "python-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /** True if {@code python3 --version} runs within 10 s. */
    static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Copies {@code python/<script>} from test resources into {@code dir} and starts it. */
    static PythonPeer start(Path dir, String script, String... args) throws IOException {
        Path file = dir.resolve(script);
        try (InputStream in = PythonPeer.class.getResourceAsStream("/python/" + script)) {
            if (in == null) {
                throw new IOException("missing test resource python/" + script);
            }
            Files.copy(in, file);
        }
        List<String> cmd = new ArrayList<>(List.of("python3", "-u", file.toString()));
        cmd.addAll(List.of(args));
        return new PythonPeer(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Waits (bounded) for a stdout line starting with {@code prefix} and returns it. */
    String awaitLine(String prefix, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null || line.equals(EOF_MARK)) {
                fail("python never printed '" + prefix + "'; output so far: " + seen
                        + (line == null ? " (timed out)" : " (exited)"));
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits (bounded) for the exit code. */
    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python did not exit within " + timeoutSeconds + " s; output: " + seen + lines);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive() && !process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

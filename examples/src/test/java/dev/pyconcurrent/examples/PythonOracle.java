package dev.pyconcurrent.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short {@code python3 -c} program, for tests that compare with CPython itself. Tests call
 * {@link #available()} in a JUnit assumption, so they are skipped (not failed) where there is no python3.
 */
final class PythonOracle {

    private PythonOracle() {
    }

    /** @return true if {@code python3} is on the PATH and is Python 3 */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.version_info[0])")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 && out.equals("3");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code python3 -c program args...} with {@code stdin} as its input; returns its output lines. */
    static List<String> run(String program, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", program));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python3 did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("python3 exited with " + p.exitValue() + ":\n" + out);
        }
        return out.lines().toList();
    }
}

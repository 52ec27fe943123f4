package dev.pyconcurrent.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPython side of a run: one long-lived {@code python3 bench_driver.py} that executes workloads on request.
 *
 * <p>Protocol (see {@code src/main/python/bench_driver.py}): one JSON command per line in, one JSON answer per line
 * out ({@code {"metrics": {...}}} or {@code {"error": "..."}}). The interpreter is the real binary behind
 * {@code python3} (pyenv's {@code python3} is a bash shim costing ~100 ms per start), so that CPython's own
 * {@code spawn} start method and this harness start the same interpreter.
 *
 * <p>States: STARTED (ready line read) → CLOSED by {@link #close()}; an answer that does not arrive within the
 * command's timeout kills the interpreter (CLOSED) and fails that command, so a stuck workload cannot hang a run.
 */
public final class PythonDriver implements AutoCloseable {
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)");

    private final String executable;
    private final Path scripts;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String version;

    private PythonDriver(String executable, Path scripts) throws IOException {
        this.executable = executable;
        this.scripts = scripts;
        this.process = new ProcessBuilder(executable, "-u", "bench_driver.py")
                .directory(scripts.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String ready = readLine(Duration.ofSeconds(30));
        Matcher m = Pattern.compile("\"version\":\\s*\"([^\"]+)\"").matcher(ready);
        this.version = m.find() ? m.group(1) : "?";
    }

    /**
     * Starts the driver, or returns {@code null} when no {@code python3} is on the PATH (the run then has no CPython
     * column and says so).
     */
    public static PythonDriver startIfAvailable(Path scripts) {
        String exe = realExecutable();
        if (exe == null) {
            return null;
        }
        try {
            return new PythonDriver(exe, scripts);
        } catch (IOException e) {
            System.err.println("[bench] CPython driver did not start: " + e.getMessage());
            return null;
        }
    }

    /** {@code sys.executable} of the {@code python3} on the PATH, or {@code null}. */
    public static String realExecutable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true).start();
            String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isExecutable(Path.of(line))) {
                return null;
            }
            return line;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public String version() {
        return version;
    }

    public String executable() {
        return executable;
    }

    /** Runs one workload in the long-lived interpreter and returns its metrics. */
    public Map<String, Double> run(String workload, Duration timeout, Object... args) throws IOException {
        String command = command(workload, args);
        in.write(command);
        in.write('\n');
        in.flush();
        return parse(command, readLine(timeout));
    }

    /**
     * Runs one workload in a fresh interpreter started behind {@code prefix} (e.g. {@code taskset -c 0}), so the
     * whole interpreter and the processes it forks inherit the prefix's effect.
     */
    public Map<String, Double> runOnce(List<String> prefix, String workload, Duration timeout, Object... args)
            throws IOException {
        String command = command(workload, args);
        List<String> argv = new ArrayList<>(prefix);
        argv.addAll(List.of(executable, "-u", "bench_driver.py", "--once", command));
        Process once = new ProcessBuilder(argv).directory(scripts.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(once.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return parse(command, answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for CPython", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("CPython " + command + " gave no answer within " + timeout, e);
        } finally {
            once.destroyForcibly();
        }
    }

    private String readLine(Duration timeout) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            String s = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new IOException("CPython driver exited (exit code " + process.waitFor() + ")");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for CPython", e);
        } catch (ExecutionException e) {
            throw new IOException("CPython driver output failed", e.getCause());
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("CPython gave no answer within " + timeout + "; driver killed");
        }
    }

    private static Map<String, Double> parse(String command, String answer) throws IOException {
        if (answer.startsWith("{\"error\"")) {
            throw new IOException("CPython failed " + command + ": " + answer.replace("\\n", "\n"));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        Matcher m = NUMBER.matcher(answer);
        while (m.find()) {
            metrics.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        if (metrics.isEmpty()) {
            throw new IOException("CPython answered without metrics to " + command + ": " + answer);
        }
        return metrics;
    }

    /** {@code {"workload": w, "args": {k1: v1, ...}}} from alternating keys and values (numbers, strings, int[]). */
    static String command(String workload, Object... args) {
        StringBuilder sb = new StringBuilder("{\"workload\": \"").append(workload).append("\", \"args\": {");
        for (int i = 0; i < args.length; i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('"').append(args[i]).append("\": ").append(json(args[i + 1]));
        }
        return sb.append("}}").toString();
    }

    private static String json(Object value) {
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        if (value instanceof long[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(a[i]);
            }
            return sb.append(']').toString();
        }
        return String.valueOf(value);
    }

    @Override
    public void close() {
        try {
            in.write("quit\n");
            in.flush();
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

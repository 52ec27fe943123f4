package dev.pyconcurrent.ipc.testing;

import dev.pyconcurrent.ipc.host.ProcessAuthKey;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real child JVM for tests (futures-ipc cannot use futures-process, which depends on it). Starts
 * {@code java -cp <this classpath> ChildMain <class> <method>} with this JVM's {@code java}, writes
 * the authkey and the serialized arguments to its stdin, inherits stderr and collects stdout lines.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> allLines = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    allLines.add(line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // child gone
            }
        }, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code owner.method(Object[] args)} in a new JVM. */
    public static ChildJvm start(Class<?> owner, String method, Object... args) {
        return startWith(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"), owner, method, args);
    }

    /** As {@link #start} with the given JVM flags instead of the fast-start defaults (e.g. for measurements). */
    public static ChildJvm startWith(List<String> jvmFlags, Class<?> owner, String method, Object... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                ChildMain.class.getName(), owner.getName(), method));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] argBytes = Serializers.defaultSerializer().serialize(args);
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write((Base64.getEncoder().encodeToString(ProcessAuthKey.get()) + "\n"
                        + Base64.getEncoder().encodeToString(argBytes) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            return new ChildJvm(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The next stdout line, waiting up to {@code timeout}; fails if none came. */
    public String nextLine(Duration timeout) throws InterruptedException {
        String l = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (l == null) {
            throw new AssertionError("child " + pid() + " printed nothing within " + timeout
                    + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
        }
        return l;
    }

    /** Waits for the next line equal to {@code expected}, skipping others. */
    public void awaitLine(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String l = lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (l == null) {
                throw new AssertionError("child " + pid() + " did not print '" + expected + "' within " + timeout
                        + "; output so far: " + allLines);
            }
            if (l.equals(expected)) {
                return;
            }
        }
    }

    /** Every stdout line so far, once the child has exited (waits for the reader to finish). */
    public List<String> output() {
        synchronized (allLines) {
            return List.copyOf(allLines);
        }
    }

    /** Waits for exit; returns the exit code. Fails if it takes longer than {@code timeout}. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + pid() + " still running after " + timeout);
        }
        reader.join(5_000);                                 // stdout fully read: output() is complete
        return process.exitValue();
    }

    /** Waits for exit and fails unless the code is 0. */
    public void assertSucceeds(Duration timeout) throws InterruptedException {
        int code = waitFor(timeout);
        if (code != 0) {
            throw new AssertionError("child " + pid() + " exited with " + code + "; output: " + allLines);
        }
    }

    /** SIGKILL: no shutdown hooks, no cleanup. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** The directory shared-memory and host files of a JVM go to (for cleanup assertions). */
    public static Path tempDir() {
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }
}

package dev.pyconcurrent.process.spawn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parent-side handle of one spawned child JVM.
 *
 * <p>Mirrors {@code Lib/multiprocessing/popen_spawn_posix.py: Popen} (and its base {@code popen_fork.Popen}): pid,
 * {@code poll}/{@code wait}, {@code terminate}/{@code kill}, {@code sentinel} and {@code close}. Java differs: the exit
 * code is computed once by a watcher thread (wait for the JVM to die, read its {@link ExitReport}, decode with
 * {@link ExitStatus}) and published through {@link #onExit()}; there is no {@code waitpid} polling.
 *
 * <p>States (one-way): RUNNING → EXITED (watcher completed {@link #onExit()}). The spawn pipe is an independent
 * resource: OPEN → CLOSED by {@link #closeSpawnPipe()} or automatically once EXITED.
 *
 * <p>The watcher thread is a daemon thread unless {@link SpawnOptions#keepParentAlive()}: then it is a non-daemon
 * thread, which is how a non-daemon child keeps the parent JVM from exiting (CPython's {@code _exit_function} joins
 * such children at interpreter exit).
 */
public final class ChildJvm {
    private final java.lang.Process process;
    private final Path reportFile;
    /** Completed exactly once, by the watcher, with the CPython-style exit code. */
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final long startNanos;
    /** Runs on the watcher thread after the child died, before {@link #exit} completes (e.g. publish a CDS archive). */
    private final Runnable afterExit;

    ChildJvm(java.lang.Process process, Path reportFile, boolean keepParentAlive, String threadName, long startNanos,
             Runnable afterExit) {
        this.process = process;
        this.reportFile = reportFile;
        this.startNanos = startNanos;
        this.afterExit = afterExit;
        Thread watcher = new Thread(this::watch, threadName);
        watcher.setDaemon(!keepParentAlive);
        watcher.start();
    }

    private void watch() {
        int raw;
        // Goal: never give up waiting (an interrupt of this private thread is nobody's request to stop watching).
        while (true) {
            try {
                raw = process.waitFor();
                break;
            } catch (InterruptedException e) {
                // keep waiting
            }
        }
        int code;
        if (reportFile != null) {
            ExitReport.Parsed report = ExitReport.read(reportFile);
            code = ExitStatus.toExitCode(raw, report.kind(), report.signal());
            ReportFiles.discard(reportFile);
        } else {
            code = ExitStatus.toExitCode(raw, ExitReport.Kind.NONE, 0);
        }
        closeSpawnPipe();
        if (afterExit != null) {
            try {
                afterExit.run();
            } catch (RuntimeException e) {
                // Housekeeping must never hide the exit code.
            }
        }
        exit.complete(code);
    }

    /** OS process id of the child. */
    public long pid() {
        return process.pid();
    }

    /** {@code System.nanoTime()} just before the child was spawned (for start-up measurements). */
    public long startNanos() {
        return startNanos;
    }

    /** The JDK's handle of the child (e.g. to inspect {@code info()}). */
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    /** False once the watcher has recorded the exit code. */
    public boolean isAlive() {
        return !exit.isDone();
    }

    /** CPython's {@code Popen.poll()}: the exit code, or {@code null} while the child runs. */
    public Integer exitCode() {
        return exit.getNow(null);
    }

    /**
     * The death notification (CPython's {@code sentinel}): completes with the exit code when the child is gone.
     * A copy is returned, so completing it does not affect this handle.
     */
    public CompletableFuture<Integer> onExit() {
        return exit.copy();
    }

    /** Waits until the child has exited. */
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("exit watcher failed", e.getCause());
        }
    }

    /**
     * CPython's {@code Popen.wait(timeout)}. A zero or negative timeout only polls.
     *
     * @return the exit code, or {@code null} if the child still runs after {@code timeout}
     */
    public Integer waitFor(Duration timeout) throws InterruptedException {
        if (timeout.isNegative() || timeout.isZero()) {
            return exitCode();
        }
        try {
            return exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("exit watcher failed", e.getCause());
        }
    }

    /** SIGTERM (CPython's {@code Popen.terminate}); a no-op once the child has exited. */
    public void terminate() {
        if (isAlive()) {
            process.destroy();
        }
    }

    /** SIGKILL (CPython's {@code Popen.kill}); a no-op once the child has exited. */
    public void kill() {
        if (isAlive()) {
            process.destroyForcibly();
        }
    }

    /**
     * Closes the parent's end of the spawn pipe. A child sees this as "parent gone" (and exits if it was started with
     * {@link SpawnOptions#exitWithParent()}). Idempotent.
     */
    public void closeSpawnPipe() {
        try {
            OutputStream pipe = process.getOutputStream();
            pipe.close();
        } catch (IOException ignored) {
            // Already closed or broken: same outcome.
        }
    }

    @Override
    public String toString() {
        Integer code = exitCode();
        return "ChildJvm[pid=" + pid() + (code == null ? ", running]" : ", exitcode=" + ExitStatus.describe(code) + "]");
    }

    /** Bookkeeping of this JVM's exit-report files, so none outlives the parent. */
    static final class ReportFiles {
        private static final java.util.Set<Path> PENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();
        private static volatile boolean hookInstalled;

        private ReportFiles() {
        }

        /** Creates the empty report file a child will write into (it must exist: the child never creates it). */
        static Path create() throws IOException {
            installHook();
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            long me = ProcessHandle.current().pid();
            // Name = parent pid + counter + clock: unique without SecureRandom (which would cost start-up time).
            Path file = dir.resolve("pyconcurrent-exit-" + me + "-" + SEQUENCE.incrementAndGet() + "-"
                    + Long.toHexString(System.nanoTime()));
            Files.createFile(file);
            PENDING.add(file);
            return file;
        }

        static void discard(Path file) {
            PENDING.remove(file);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort
            }
        }

        /**
         * A parent killed with SIGKILL runs no shutdown hook, so its report files stay behind. The first spawn of
         * every JVM removes the files whose parent (the pid in the name) is gone, as CPython's resource tracker
         * cleans up after a dead process.
         */
        static void sweepFilesOfDeadParents() {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, "pyconcurrent-exit-*")) {
                for (Path file : files) {
                    String[] parts = file.getFileName().toString().split("-");
                    try {
                        long parent = Long.parseLong(parts[2]);
                        if (ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false)) {
                            continue;
                        }
                        Files.deleteIfExists(file);
                    } catch (RuntimeException | IOException notOurs) {
                        // not in our naming scheme, or already gone: leave it
                    }
                }
            } catch (IOException ignored) {
                // best effort: a missing or unreadable temp directory only means nothing to sweep
            }
        }

        private static void installHook() {
            if (hookInstalled) {
                return;
            }
            synchronized (ReportFiles.class) {
                if (hookInstalled) {
                    return;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    for (Path file : PENDING) {
                        discard(file);
                    }
                }, "pyconcurrent-exit-report-cleanup"));
                sweepFilesOfDeadParents();
                hookInstalled = true;
            }
        }
    }
}

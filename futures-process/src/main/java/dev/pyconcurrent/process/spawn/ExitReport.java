package dev.pyconcurrent.process.spawn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The child's last word to its parent: "I left through the JVM's orderly shutdown" or "a signal made me leave".
 *
 * <p>CPython needs no such thing: {@code waitpid} tells a POSIX parent whether the child died by a signal. A JVM hides
 * that (see {@link ExitStatus}), so the child writes a tiny report from a shutdown hook. The channel is a file the
 * <em>parent</em> created empty before the spawn: the child opens it without {@code CREATE}, so a report can never
 * resurrect a file the parent has already cleaned up, and a child whose parent is gone deletes it instead
 * ({@link #abandon()}). That keeps the temp directory clean in every case but a parent killed by SIGKILL while a
 * non-daemon child still runs (one empty file per such child).
 *
 * <p>Contents: {@code "E"} (orderly exit) or {@code "S<signal>"} (TERM/INT/HUP arrived, e.g. {@code "S15"}).
 *
 * <p>Child side: {@link #install(String, long)} once, early in a bootstrap main; it costs one hook and three signal
 * handlers, no extra threads. Parent side: {@link #read(Path)}.
 */
public final class ExitReport {
    /** What a report file said. */
    public enum Kind {
        /** No report (file empty or missing): the JVM died without running shutdown hooks. */
        NONE,
        /** The JVM ran its shutdown sequence; its raw exit status is authoritative. */
        ORDERLY,
        /** A TERM/INT/HUP signal started the shutdown: CPython would report {@code -signal}. */
        SIGNAL
    }

    /** A parsed report. */
    public static final class Parsed {
        private final Kind kind;
        private final int signal;

        Parsed(Kind kind, int signal) {
            this.kind = kind;
            this.signal = signal;
        }

        public Kind kind() {
            return kind;
        }

        /** The signal for {@link Kind#SIGNAL}, 0 otherwise. */
        public int signal() {
            return signal;
        }
    }

    /** Written once by the first TERM/INT/HUP handler call; read by the shutdown hook. */
    private static volatile int receivedSignal;
    private static volatile Path reportPath;
    private static volatile long parentPid = -1;

    private ExitReport() {
    }

    /**
     * Child side: arrange for the report to be written when this JVM shuts down. An empty path disables it.
     * Safe to call once per JVM; later calls replace the path.
     */
    public static void install(String path, long parent) {
        if (path == null || path.isEmpty()) {
            return;
        }
        parentPid = parent;
        boolean first = reportPath == null;
        reportPath = Path.of(path);
        if (!first) {
            return;
        }
        chainSignal("TERM");
        chainSignal("INT");
        chainSignal("HUP");
        // Anonymous classes here and in chainSignal, not lambdas: see ParentWatcher.start (start-up path).
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                writeReport();
            }
        }, "pyconcurrent-exit-report"));
    }

    /** Child side: the parent is gone, nobody will read the report; remove the parent's empty file. */
    public static void abandon() {
        Path path = reportPath;
        reportPath = null;
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException | RuntimeException ignored) {
                // Best effort: a leftover empty file is harmless.
            }
        }
    }

    /**
     * Records the signal and hands it on to the JVM's own handler (which starts the shutdown with status 128+n).
     * {@code sun.misc.Signal} is the only JDK API that can observe TERM; if it is unavailable (e.g. {@code -Xrs})
     * we simply report "orderly" for signal exits, as the raw status would say anyway.
     */
    @SuppressWarnings("restriction")
    private static void chainSignal(String name) {
        try {
            sun.misc.Signal signal = new sun.misc.Signal(name);
            sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[1];
            previous[0] = sun.misc.Signal.handle(signal, new sun.misc.SignalHandler() {
                @Override
                public void handle(sun.misc.Signal received) {
                    if (receivedSignal == 0) {
                        receivedSignal = received.getNumber();
                    }
                    sun.misc.SignalHandler next = previous[0];
                    if (next != null && next != sun.misc.SignalHandler.SIG_DFL
                            && next != sun.misc.SignalHandler.SIG_IGN) {
                        next.handle(received);
                    } else if (next == sun.misc.SignalHandler.SIG_DFL) {
                        Runtime.getRuntime().exit(128 + received.getNumber());
                    }
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // Signal already used by the VM (-Xrs) or not supported: report "orderly" only.
        }
    }

    private static void writeReport() {
        Path path = reportPath;
        if (path == null) {
            return;
        }
        if (parentPid > 0 && ProcessHandle.of(parentPid).map(h -> !h.isAlive()).orElse(true)) {
            abandon(); // the parent died before the watcher saw EOF: nobody will read (or delete) the file
            return;
        }
        int signal = receivedSignal;
        String text = signal == 0 ? "E" : "S" + signal;
        // No CREATE: if the parent already deleted the file, the report is unwanted.
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchFileException gone) {
            // Parent cleaned up: nobody is listening.
        } catch (IOException | RuntimeException e) {
            // Never let the report disturb the exit; the parent then falls back to the raw status.
        }
    }

    /** Parent side: reads (and does not delete) a report file after the child has exited. */
    public static Parsed read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            return new Parsed(Kind.NONE, 0);
        }
        if (bytes.length == 0) {
            return new Parsed(Kind.NONE, 0);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).trim();
        if (text.equals("E")) {
            return new Parsed(Kind.ORDERLY, 0);
        }
        if (text.startsWith("S")) {
            try {
                return new Parsed(Kind.SIGNAL, Integer.parseInt(text.substring(1)));
            } catch (NumberFormatException e) {
                return new Parsed(Kind.NONE, 0);
            }
        }
        return new Parsed(Kind.NONE, 0);
    }
}

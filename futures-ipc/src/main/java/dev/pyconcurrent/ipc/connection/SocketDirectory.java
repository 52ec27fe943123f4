package dev.pyconcurrent.ipc.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-JVM private directory (mode 0700) that holds this library's Unix socket files, and the
 * registry that removes them: at {@code close} by their owner, and by a shutdown hook for anything
 * still present when the JVM exits (with the directory itself).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/util.py: get_temp_dir} (a {@code pymp-*}
 * directory removed at exit) and {@code connection.py: arbitrary_address('AF_UNIX')}. Java differs
 * in that the directory is created 0700 explicitly and kept short: a Unix socket path must fit in
 * 108 bytes ({@code sun_path}), so if {@code java.io.tmpdir} is long the directory goes to
 * {@code /tmp} instead.
 */
final class SocketDirectory {
    /** Longest socket path we create ourselves; Linux allows 107 bytes plus the NUL. */
    static final int MAX_SOCKET_PATH_BYTES = 100;
    /** Room reserved for the file name inside the directory ("listener-" + counter + ".sock"). */
    private static final int NAME_ROOM = 40;

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Set<Path> LIVE_FILES = ConcurrentHashMap.newKeySet();
    private static volatile Path directory;

    private SocketDirectory() {
    }

    /** The private directory, created (0700) on first use. */
    static Path directory() {
        Path d = directory;
        if (d == null) {
            synchronized (SocketDirectory.class) {
                d = directory;
                if (d == null) {
                    d = create();
                    directory = d;
                }
            }
        }
        return d;
    }

    /** A fresh, unused socket path inside the private directory, registered for removal at exit. */
    static Path newSocketPath(String prefix) {
        Path p = directory().resolve(prefix + COUNTER.incrementAndGet() + ".sock");
        register(p);
        return p;
    }

    /** Records a socket file this JVM created, so the shutdown hook removes it if no one else does. */
    static void register(Path socketFile) {
        LIVE_FILES.add(socketFile.toAbsolutePath());
    }

    /** Removes a socket file now (ignoring one that is already gone) and forgets it. */
    static void delete(Path socketFile) {
        Path p = socketFile.toAbsolutePath();
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Best effort: the shutdown hook tries again.
            return;
        }
        LIVE_FILES.remove(p);
    }

    static boolean fitsSocketPath(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES;
    }

    private static Path create() {
        Path base = Paths.get(System.getProperty("java.io.tmpdir"));
        if (base.toAbsolutePath().toString().length() + NAME_ROOM > MAX_SOCKET_PATH_BYTES) {
            base = Paths.get("/tmp");                      // long tmpdir: keep under sun_path's limit
        }
        try {
            Path d = Files.createTempDirectory(base, "pyc-ipc-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Runtime.getRuntime().addShutdownHook(new Thread(SocketDirectory::cleanUpAtExit,
                    "pyconcurrent-ipc-socket-cleanup"));
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the private socket directory in " + base, e);
        }
    }

    private static void cleanUpAtExit() {
        for (Path p : LIVE_FILES) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // nothing more to do at exit
            }
        }
        Path d = directory;
        if (d != null) {
            try {
                Files.deleteIfExists(d);                   // only succeeds once empty: never recursive
            } catch (IOException ignored) {
                // a foreign file in our directory: leave it for the user to see
            }
        }
    }
}

package dev.pyconcurrent.ipc.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Names, and cleans up, the files this module creates outside the connection package: the host's
 * socket directory ({@code pyc-host-<pid>-<random>}) and shared-memory files
 * ({@code pyc-shm-<pid>-<n>-<random>}). Two mechanisms:
 * <ol>
 *   <li>The creator deletes its files when they are closed, and a shutdown hook deletes whatever is
 *       left at normal JVM exit.</li>
 *   <li>A JVM killed with SIGKILL runs no hook, so the first JVM of this library that starts
 *       afterwards sweeps: every entry with our prefix whose creator pid no longer runs is
 *       deleted ({@link #sweepDeadCreators()}, run once per JVM on first use).</li>
 * </ol>
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/resource_tracker.py}, a helper process that
 * unlinks named semaphores and shared memory left by dead processes. Java differs: there is no
 * tracker process (the JDK cannot hand it descriptors), so the creator pid in the file name plays
 * its role; a file is removed at the latest when the next program using this library starts. A
 * recycled pid can delay a sweep, never cause a wrong one: a live pid's files are always kept.
 */
public final class ResourceTracker {
    public static final String HOST_PREFIX = "pyc-host-";
    public static final String SHM_PREFIX = "pyc-shm-";
    /** Keep socket paths well under the 108-byte {@code sun_path} limit. */
    private static final int MAX_BASE_LENGTH = 60;

    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private ResourceTracker() {
    }

    /** The temp directory for socket directories (short enough for Unix socket paths). */
    public static Path tempBase() {
        Path base = Paths.get(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        return base.toString().length() > MAX_BASE_LENGTH ? Paths.get("/tmp") : base;
    }

    /** {@code /dev/shm} (tmpfs: shared memory never touches a disk) when present, else the temp dir. */
    public static Path sharedMemoryBase() {
        Path shm = Paths.get("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : tempBase();
    }

    /** Deletes {@code path} (a file, or a directory with its files) when this JVM exits normally. */
    public static void deleteAtExit(Path path) {
        OWNED.add(path);
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ResourceTracker::deleteOwned,
                    "pyconcurrent-ipc-resource-cleanup"));
        }
    }

    /** Deletes {@code path} now and forgets it. */
    public static void deleteNow(Path path) {
        deleteQuietly(path);
        OWNED.remove(path);
    }

    /**
     * Once per JVM: deletes every entry of ours, in the temp dir and {@code /dev/shm}, whose
     * creator process is no longer running. Cheap (one directory listing each).
     */
    public static void sweepDeadCreators() {
        if (SWEPT.compareAndSet(false, true)) {
            sweep(tempBase());
            sweep(sharedMemoryBase());
        }
    }

    /**
     * Sweeps now, regardless of earlier sweeps: for long-running programs and tests that just
     * killed a child. Also runs at every normal JVM exit.
     */
    public static void sweepDeadCreatorsNow() {
        sweep(tempBase());
        sweep(sharedMemoryBase());
    }

    /** The creator pid encoded in one of our names, if it is one. */
    static Optional<Long> creatorPid(String name) {
        String rest;
        if (name.startsWith(HOST_PREFIX)) {
            rest = name.substring(HOST_PREFIX.length());
        } else if (name.startsWith(SHM_PREFIX)) {
            rest = name.substring(SHM_PREFIX.length());
        } else {
            return Optional.empty();
        }
        int dash = rest.indexOf('-');
        try {
            return Optional.of(Long.parseLong(dash < 0 ? rest : rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void sweep(Path base) {
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, "pyc-{host,shm}-*")) {
            for (Path p : entries) {
                Optional<Long> pid = creatorPid(p.getFileName().toString());
                if (pid.isPresent() && pid.get() != self
                        && !ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    deleteQuietly(p);
                }
            }
        } catch (IOException | SecurityException e) {
            // best effort: an unreadable temp dir only means nothing is swept
        }
    }

    private static void deleteOwned() {
        for (Path p : OWNED) {
            deleteQuietly(p);
        }
        sweepDeadCreatorsNow();                              // leftovers of children killed meanwhile
    }

    private static void deleteQuietly(Path p) {
        try {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(p)) {
                    for (Path f : files) {
                        Files.deleteIfExists(f);       // one level: we never nest deeper
                    }
                }
            }
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // someone else removed it, or it is not ours to remove
        }
    }
}

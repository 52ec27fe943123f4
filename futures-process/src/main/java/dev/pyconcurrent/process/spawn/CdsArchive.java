package dev.pyconcurrent.process.spawn;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A per-user cache of dynamic AppCDS archives for child JVMs: measured ≈ 10 ms (≈ 13 %) off a child's start-up.
 *
 * <p>No CPython counterpart (CPython has no class-loading cost to amortise). How it works:
 * <ol>
 *   <li>The cache key is a hash of everything an archive depends on: {@code java.home}, {@code java.vm.version}, the
 *       child's JVM options, and every classpath entry's path, size and modification time. A rebuilt jar thus gets a
 *       new key and a stale archive is simply never used again.</li>
 *   <li>Archive present ({@code <key>.jsa}): the child gets {@code -XX:SharedArchiveFile}. If the JVM still rejects
 *       it, it runs without it; {@code -Xlog:cds=off} keeps that silent.</li>
 *   <li>Archive absent: the first spawner to create {@code <key>.lock} (atomic create-new) gives its child
 *       {@code -XX:ArchiveClassesAtExit=<key>.<pid>.tmp}; when that child has exited, the parent moves the file to
 *       {@code <key>.jsa} atomically and removes the lock. Everyone else runs without CDS meanwhile. A lock older
 *       than {@link #STALE_LOCK} (its owner died) is taken over.</li>
 * </ol>
 * Only used when every classpath entry is a jar: HotSpot 17 refuses to dump with a non-empty directory on the
 * classpath (and then fails the child's exit), which is the normal case in IDEs and test runs. Also skipped on JDKs
 * before 13 (no dynamic archives) and when the cache directory cannot be created.
 */
final class CdsArchive {
    /** A dumping child that has not finished after this long is presumed dead (its parent too). */
    static final Duration STALE_LOCK = Duration.ofMinutes(2);
    /** Keeps CDS quiet: a rejected or mismatched archive must never print into the user's output. */
    static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** The CDS options for one child and what to do once it has exited. */
    static final class Plan {
        static final Plan NONE = new Plan(List.of(), () -> { });
        private final List<String> jvmOptions;
        private final Runnable afterExit;

        Plan(List<String> jvmOptions, Runnable afterExit) {
            this.jvmOptions = jvmOptions;
            this.afterExit = afterExit;
        }

        List<String> jvmOptions() {
            return jvmOptions;
        }

        Runnable afterExit() {
            return afterExit;
        }
    }

    private CdsArchive() {
    }

    static Plan plan(SpawnOptions options) {
        try {
            if (Runtime.version().feature() < 13) {
                return Plan.NONE;
            }
            String classpath = options.classpath() != null ? options.classpath() : System.getProperty("java.class.path");
            String key = key(classpath, options);
            if (key == null) {
                return Plan.NONE;
            }
            Path dir = cacheDirectory();
            Path archive = dir.resolve(key + ".jsa");
            if (Files.isRegularFile(archive)) {
                List<String> opts = new ArrayList<>(QUIET);
                opts.add("-XX:SharedArchiveFile=" + archive);
                return new Plan(opts, () -> { });
            }
            Path lock = dir.resolve(key + ".lock");
            if (!tryLock(lock)) {
                return Plan.NONE;
            }
            Path temp = dir.resolve(key + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
            List<String> opts = new ArrayList<>(QUIET);
            opts.add("-XX:ArchiveClassesAtExit=" + temp);
            return new Plan(opts, () -> publish(temp, archive, lock));
        } catch (IOException | RuntimeException e) {
            return Plan.NONE; // CDS is an optimisation: any trouble means "start without it"
        }
    }

    /** Moves a finished dump into place; a child that died before dumping leaves nothing to move. */
    private static void publish(Path temp, Path archive, Path lock) {
        try {
            if (Files.isRegularFile(temp) && Files.size(temp) > 0) {
                Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // another process won the race or the file system refuses: fine, next spawn retries
        } finally {
            try {
                Files.deleteIfExists(temp);
                Files.deleteIfExists(lock);
            } catch (IOException ignored) {
                // a stale lock expires by age
            }
        }
    }

    private static boolean tryLock(Path lock) throws IOException {
        try {
            Files.createFile(lock);
            return true;
        } catch (FileAlreadyExistsException held) {
            FileTime created = Files.getLastModifiedTime(lock);
            if (created.toInstant().isBefore(Instant.now().minus(STALE_LOCK))) {
                Files.deleteIfExists(lock);
                try {
                    Files.createFile(lock);
                    return true;
                } catch (FileAlreadyExistsException lost) {
                    return false;
                }
            }
            return false;
        }
    }

    /** {@code null} if the classpath has anything but existing jar files. */
    static String key(String classpath, SpawnOptions options) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
        update(digest, System.getProperty("java.home"));
        update(digest, System.getProperty("java.vm.version"));
        update(digest, String.join(" ", options.jvmOptions()));
        update(digest, String.join(" ", ChildJvmLauncher.systemPropertyOptions()));
        update(digest, Boolean.toString(options.defaultJvmOptions()));
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
                return null;
            }
            update(digest, path.toAbsolutePath().toString());
            update(digest, Long.toString(Files.size(path)));
            update(digest, Long.toString(Files.getLastModifiedTime(path).toMillis()));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    /**
     * {@value SpawnOptions#CDS_DIR_PROPERTY} if set, else {@code $XDG_CACHE_HOME/pyconcurrent/cds}, else
     * {@code ~/.cache/pyconcurrent/cds}.
     */
    static Path cacheDirectory() throws IOException {
        String configured = System.getProperty(SpawnOptions.CDS_DIR_PROPERTY);
        if (configured != null && !configured.isEmpty()) {
            return Files.createDirectories(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("pyconcurrent").resolve("cds");
        Files.createDirectories(dir);
        return dir;
    }
}

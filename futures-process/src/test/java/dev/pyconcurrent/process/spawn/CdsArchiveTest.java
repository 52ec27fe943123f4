package dev.pyconcurrent.process.spawn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AppCDS archive cache: created once by one child even when several start together, used afterwards, and never
 * attempted for classpaths with directories (which would break the child's exit on JDK 17).
 */
@Timeout(90)
class CdsArchiveTest {
    @TempDir
    Path dir;
    private String oldCdsDir;

    @BeforeEach
    void useTempCache() {
        oldCdsDir = System.getProperty(SpawnOptions.CDS_DIR_PROPERTY);
        System.setProperty(SpawnOptions.CDS_DIR_PROPERTY, dir.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        if (oldCdsDir == null) {
            System.clearProperty(SpawnOptions.CDS_DIR_PROPERTY);
        } else {
            System.setProperty(SpawnOptions.CDS_DIR_PROPERTY, oldCdsDir);
        }
    }

    @Test
    void directoriesOnTheClasspathDisableCds() throws IOException {
        assertNull(CdsArchive.key(dir.toString(), SpawnOptions.defaults()));
        assertTrue(CdsArchive.plan(SpawnOptions.builder().classpath(dir.toString()).build()).jvmOptions().isEmpty());
    }

    @Test
    void firstSpawnsDumpOnceAndLaterSpawnsUseTheArchive() throws Exception {
        SpawnOptions options = SpawnOptions.builder().cds(true).classpath(jarClasspath()).build();
        String key = CdsArchive.key(options.classpath(), options);
        assertNotNull(key);

        List<ChildJvm> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(ChildJvmLauncher.launch(new SpawnLayerTest.ExitWith(0), options, "cds-first"));
        }
        for (ChildJvm child : first) {
            assertEquals(0, child.waitFor(), "a dumping child must still exit 0");
        }
        Path cache = dir.resolve("cache");
        assertTrue(Files.isRegularFile(cache.resolve(key + ".jsa")), "archive published");
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of(key + ".jsa"), files.map(f -> f.getFileName().toString()).toList(),
                    "no lock or temp file left");
        }
        List<String> opts = CdsArchive.plan(options).jvmOptions();
        assertTrue(opts.contains("-XX:SharedArchiveFile=" + cache.resolve(key + ".jsa")), opts.toString());
        ChildJvm user = ChildJvmLauncher.launch(new SpawnLayerTest.ExitWith(5), options, "cds-user");
        assertEquals(5, user.waitFor());
    }

    /** The module's classes, test classes, futures-core and futures-ipc, as jars (CDS only archives classes from jars). */
    private String jarClasspath() throws IOException {
        List<String> jars = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = dir.resolve("dir" + (n++) + ".jar");
                jarUp(path, jar);
                jars.add(jar.toString());
            } else if (entry.endsWith(".jar") && (entry.contains("futures-core") || entry.contains("futures-ipc") || entry.contains("surefire"))) {
                jars.add(entry);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static void jarUp(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}

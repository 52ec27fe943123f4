package dev.pyconcurrent.process.spawn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spawn layer on its own: frame format, exit-status decoding, command lines, and launching child JVMs with a
 * custom entry point (the API a process pool builds on).
 *
 * <p>CPython has no direct tests for {@code popen_spawn_posix}; these check the Java-specific machinery that
 * replaces {@code waitpid}'s signal information and the spawn pipe.
 */
@Timeout(60)
class SpawnLayerTest {
    @TempDir
    Path dir;

    /** Exits with a chosen status through the bootstrap. */
    static final class ExitWith implements ChildEntryPoint {
        private static final long serialVersionUID = 1L;
        private final int status;

        ExitWith(int status) {
            this.status = status;
        }

        @Override
        public int runInChild(ChildContext context) {
            return status;
        }

        /** For a data payload ({@link ChildJvmLauncher#dataPayload}): the status is the only field. */
        public static ChildEntryPoint fromData(java.io.DataInput in) throws IOException {
            return new ExitWith(in.readInt());
        }
    }

    @Test
    void exitStatusDecodingFollowsCpythonSigns() {
        assertEquals(0, ExitStatus.toExitCode(0, ExitReport.Kind.ORDERLY, 0));
        assertEquals(137, ExitStatus.toExitCode(137, ExitReport.Kind.ORDERLY, 0), "System.exit(137)");
        assertEquals(-15, ExitStatus.toExitCode(143, ExitReport.Kind.SIGNAL, 15), "SIGTERM handled by the JVM");
        assertEquals(-9, ExitStatus.toExitCode(137, ExitReport.Kind.NONE, 0), "SIGKILL: no report");
        assertEquals(3, ExitStatus.toExitCode(3, ExitReport.Kind.NONE, 0));
        assertEquals(255, ExitStatus.toExitCode(255, ExitReport.Kind.NONE, 0), "above the signal range");
        assertEquals("-SIGTERM", ExitStatus.describe(-15));
        assertEquals("-SIGKILL", ExitStatus.describe(-9));
        assertEquals("3", ExitStatus.describe(3));
    }

    @Test
    void spawnFrameRoundTrips() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SpawnFrame(42, true, "/tmp/report", new byte[] {1, 2, 3}).writeTo(bytes);
        SpawnFrame read = SpawnFrame.readFrom(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(42, read.parentPid());
        assertTrue(read.exitWithParent());
        assertEquals("/tmp/report", read.exitReportPath());
        assertArrayEquals(new byte[] {1, 2, 3}, read.payload());
    }

    @Test
    void spawnFrameWithWrongMagicIsRejectedWithAClearMessage() {
        byte[] garbage = "hello world, not a frame".getBytes();
        StreamCorruptedException e = assertThrows(StreamCorruptedException.class,
                () -> SpawnFrame.readFrom(new ByteArrayInputStream(garbage)));
        assertTrue(e.getMessage().contains("not a spawn frame"), e.getMessage());
    }

    @Test
    void exitReportFilesAreParsed() throws IOException {
        Path report = dir.resolve("report");
        assertEquals(ExitReport.Kind.NONE, ExitReport.read(report).kind(), "missing file");
        Files.writeString(report, "");
        assertEquals(ExitReport.Kind.NONE, ExitReport.read(report).kind(), "empty file");
        Files.writeString(report, "E");
        assertEquals(ExitReport.Kind.ORDERLY, ExitReport.read(report).kind());
        Files.writeString(report, "S15");
        assertEquals(ExitReport.Kind.SIGNAL, ExitReport.read(report).kind());
        assertEquals(15, ExitReport.read(report).signal());
    }

    @Test
    void commandLineHasDefaultsThenUserOptionsThenClasspathAndMain() {
        List<String> cmd = ChildJvmLauncher.commandLine(SpawnOptions.builder().cds(false).classpath("a.jar")
                .addJvmOptions("-Xmx64m").build());
        assertTrue(cmd.get(0).endsWith("java"), cmd.get(0));
        assertTrue(cmd.containsAll(SpawnOptions.DEFAULT_JVM_OPTIONS), cmd.toString());
        assertTrue(cmd.indexOf("-Xmx64m") > cmd.indexOf("-XX:+UseSerialGC"));
        assertEquals(List.of("-cp", "a.jar", ChildBootstrap.class.getName()), cmd.subList(cmd.size() - 3, cmd.size()));
    }

    @Test
    void aUserChosenCollectorReplacesTheDefaultOne() {
        List<String> cmd = ChildJvmLauncher.commandLine(SpawnOptions.builder().cds(false)
                .addJvmOptions("-XX:+UseParallelGC").build());
        assertFalse(cmd.contains("-XX:+UseSerialGC"), cmd.toString());
        assertTrue(cmd.contains("-XX:+UseParallelGC"));
    }

    @Test
    void systemPropertyAddsOptions() {
        String old = System.getProperty(SpawnOptions.JVM_OPTIONS_PROPERTY);
        System.setProperty(SpawnOptions.JVM_OPTIONS_PROPERTY, " -Xss512k   -ea ");
        try {
            List<String> cmd = ChildJvmLauncher.commandLine(SpawnOptions.builder().cds(false).build());
            assertTrue(cmd.contains("-Xss512k") && cmd.contains("-ea"), cmd.toString());
        } finally {
            if (old == null) {
                System.clearProperty(SpawnOptions.JVM_OPTIONS_PROPERTY);
            } else {
                System.setProperty(SpawnOptions.JVM_OPTIONS_PROPERTY, old);
            }
        }
    }

    @Test
    void dataPayloadEntryPointIsRebuiltWithoutJavaSerialization() throws Exception {
        byte[] payload = ChildJvmLauncher.dataPayload(ExitWith.class, new byte[] {0, 0, 0, 43});
        assertEquals(ChildJvmLauncher.DATA_PAYLOAD_MARK, payload[0]);
        ChildJvm child = ChildJvmLauncher.launch(payload, SpawnOptions.defaults(), "data");
        assertEquals(43, child.onExit().get(30, TimeUnit.SECONDS));
    }

    @Test
    void dataPayloadOfAClassWithoutFromDataFailsTheChildWithBootstrapFailure() throws Exception {
        byte[] payload = ChildJvmLauncher.dataPayload(ChildEntryPoint.class, new byte[0]);
        ChildJvm child = ChildJvmLauncher.launch(payload, SpawnOptions.defaults(), "bad-data");
        assertEquals(ChildBootstrap.BOOTSTRAP_FAILURE_STATUS, child.onExit().get(30, TimeUnit.SECONDS));
    }

    @Test
    void customEntryPointExitStatusIsReported() throws Exception {
        ChildJvm child = ChildJvmLauncher.launch(new ExitWith(42), SpawnOptions.defaults(), "custom");
        CompletableFuture<Integer> onExit = child.onExit();
        assertEquals(42, onExit.get(30, TimeUnit.SECONDS));
        assertEquals(42, child.exitCode());
        assertFalse(child.isAlive());
    }

    @Test
    void aJvmThatRejectsItsOptionsEndsWithAnExitCodeInsteadOfHanging() throws Exception {
        ChildJvm child = ChildJvmLauncher.launch(new ExitWith(0),
                SpawnOptions.builder().addJvmOptions("-XX:+NoSuchOptionForTheTest").build(), "bad-option");
        Integer code = child.waitFor(Duration.ofSeconds(30));
        assertEquals(1, code);
    }

    @Test
    void bashManyChildrenWithMixedTerminateKillAndJoin() throws Exception {
        // 3 threads x 4 children, each ended by join, terminate or kill right after launch: every exit code is one
        // of the three expected ones, and none of the handles is left running.
        List<CompletableFuture<List<String>>> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            threads.add(CompletableFuture.supplyAsync(() -> {
                List<String> problems = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    try {
                        ChildJvm child = ChildJvmLauncher.launch(new ExitWith(0), SpawnOptions.defaults(), "bash");
                        int action = (thread + i) % 3;
                        if (action == 1) {
                            child.terminate();
                        } else if (action == 2) {
                            child.kill();
                        }
                        int code = child.waitFor();
                        int expected = action == 0 ? 0 : action == 1 ? -15 : -9;
                        // A child may finish before the signal lands: 0 is then also correct.
                        if (code != expected && code != 0) {
                            problems.add("action " + action + " gave " + code);
                        }
                    } catch (Exception e) {
                        problems.add(e.toString());
                    }
                }
                return problems;
            }));
        }
        for (CompletableFuture<List<String>> thread : threads) {
            assertEquals(List.of(), thread.get(50, TimeUnit.SECONDS));
        }
    }

    @Test
    void noExitReportFileOutlivesItsChild() throws Exception {
        long me = ProcessHandle.current().pid();
        ChildJvm ok = ChildJvmLauncher.launch(new ExitWith(0), SpawnOptions.defaults(), "ok");
        ChildJvm killed = ChildJvmLauncher.launch(new ExitWith(0), SpawnOptions.defaults(), "killed");
        killed.kill();
        ok.waitFor();
        killed.waitFor();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            // Every child this test JVM started has ended by now, so none of its report files may remain.
            List<Path> mine = files.filter(f -> f.getFileName().toString().startsWith("pyconcurrent-exit-" + me + "-"))
                    .toList();
            assertEquals(List.of(), mine);
        }
    }
}

package dev.pyconcurrent.process.spawn;

import dev.pyconcurrent.ipc.host.ProcessAuthKey;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts child JVMs: the <em>spawn</em> start method of {@code multiprocessing}, for the JVM.
 *
 * <p>Mirrors {@code Lib/multiprocessing/popen_spawn_posix.py: Popen._launch} together with
 * {@code spawn.py: get_command_line}: build the child's command line (the parent's own {@code java} and classpath,
 * the bootstrap main), start it, and write the preparation data and the serialized payload into its pipe.
 *
 * <p><b>Why only spawn.</b> CPython's default on Linux used to be {@code fork}: the child is a copy of the parent and
 * inherits its memory. A JVM cannot fork itself (a forked JVM keeps only the calling thread, and the GC, JIT and
 * signal threads would be gone), so every child is a fresh JVM that learns everything from the payload, exactly like
 * CPython's {@code spawn} (the default on macOS and Windows, and since 3.14 no longer {@code fork} on Linux).
 *
 * <p>I/O: the child's stdout and stderr are inherited (its prints reach the parent's terminal directly, in order,
 * with no pump thread); its stdin is the spawn pipe. Serialization happens before anything is started, so an
 * unserializable payload fails fast and leaves no process behind.
 */
public final class ChildJvmLauncher {
    private ChildJvmLauncher() {
    }

    /**
     * First byte of a <em>data payload</em>: an entry point rebuilt from plain {@code DataInput} fields instead of Java
     * serialization (a Java serialization stream starts with 0xAC). See {@link #dataPayload}.
     */
    public static final byte DATA_PAYLOAD_MARK = 1;

    /**
     * A payload that {@link ChildBootstrap} turns into an entry point without Java serialization: it loads
     * {@code type} and calls its {@code public static ChildEntryPoint fromData(java.io.DataInput)}, which reads
     * {@code fields}. Why: the first {@code ObjectInputStream} of a JVM costs ≈ 25 ms (its filter configuration asks
     * for a {@code System.Logger}, whose set-up scans every classpath entry for a {@code LoggerFinder}), paid before
     * the child's code runs. A child that needs no object graph to start (a pool worker) skips it.
     *
     * @param fields what {@code type.fromData} reads, written with {@link java.io.DataOutputStream}
     */
    public static byte[] dataPayload(Class<? extends ChildEntryPoint> type, byte[] fields) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(fields.length + 64);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(DATA_PAYLOAD_MARK);
            out.writeUTF(type.getName());
            out.write(fields);
        } catch (IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    /** Serializes {@code entryPoint} and launches a child running it through {@link ChildBootstrap}. */
    public static ChildJvm launch(ChildEntryPoint entryPoint, SpawnOptions options, String name) throws IOException {
        return launch(serialize(entryPoint), options, name);
    }

    /**
     * Launches a child whose main class ({@link SpawnOptions#mainClass()}) reads a {@link SpawnFrame} carrying
     * {@code payload} from stdin. With the default main class the payload must be a serialized
     * {@link ChildEntryPoint}; a custom main class may use any payload format.
     *
     * @param name used for the watcher thread's name ({@code "<name>-watcher"})
     */
    public static ChildJvm launch(byte[] payload, SpawnOptions options, String name) throws IOException {
        Path reportFile = ChildJvm.ReportFiles.create();
        CdsArchive.Plan cds = options.cds() ? CdsArchive.plan(options) : CdsArchive.Plan.NONE;
        List<String> command = commandLine(options, cds.jvmOptions());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        long startNanos = System.nanoTime();
        java.lang.Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            ChildJvm.ReportFiles.discard(reportFile);
            cds.afterExit().run();
            throw new IOException("cannot start child JVM " + command.get(0) + ": " + e.getMessage(), e);
        }
        ChildJvm child = new ChildJvm(process, reportFile, options.keepParentAlive(), name + "-watcher",
                startNanos, cds.afterExit());
        // Like CPython's preparation_data, the frame carries this process's authkey: the child adopts it before it
        // deserializes the payload, whose queue/lock handles connect back to this JVM's resource host.
        SpawnFrame frame = new SpawnFrame(ProcessHandle.current().pid(), ProcessAuthKey.get(),
                options.exitWithParent(), reportFile.toString(), payload);
        try {
            frame.writeTo(process.getOutputStream());
        } catch (IOException e) {
            // The child died before reading its frame (e.g. a bad JVM option): its exit code tells the story.
            // A child that is still alive but cannot be written to is unusable: kill it and report.
            if (process.isAlive()) {
                process.destroyForcibly();
                throw new IOException("cannot send the payload to child JVM pid " + process.pid(), e);
            }
        }
        return child;
    }

    /** Java-serializes {@code object}; a clear {@link NotSerializableException} names what could not be written. */
    public static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** The full command line for a child with these options (without any CDS options). */
    public static List<String> commandLine(SpawnOptions options) {
        return commandLine(options, List.of());
    }

    static List<String> commandLine(SpawnOptions options, List<String> cdsOptions) {
        List<String> command = new ArrayList<>();
        command.add(options.javaExecutable() != null ? options.javaExecutable() : javaExecutable());
        List<String> user = new ArrayList<>(systemPropertyOptions());
        user.addAll(options.jvmOptions());
        if (options.defaultJvmOptions()) {
            boolean userPicksGc = user.stream().anyMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"));
            for (String option : SpawnOptions.DEFAULT_JVM_OPTIONS) {
                if (userPicksGc && option.endsWith("GC")) {
                    continue; // two collectors would stop the JVM ("Conflicting collector combinations")
                }
                command.add(option);
            }
        }
        command.addAll(cdsOptions);
        command.addAll(user);
        command.add("-cp");
        command.add(options.classpath() != null ? options.classpath() : System.getProperty("java.class.path"));
        command.add(options.mainClass());
        return command;
    }

    /** The options of {@value SpawnOptions#JVM_OPTIONS_PROPERTY}, split on whitespace. */
    static List<String> systemPropertyOptions() {
        String value = System.getProperty(SpawnOptions.JVM_OPTIONS_PROPERTY, "").trim();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    /** The parent's own launcher: {@code java.home/bin/java}, else what the OS says this process runs. */
    static String javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"), "bin", File.separatorChar == '\\' ? "java.exe" : "java");
        if (Files.isExecutable(home)) {
            return home.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot find the java launcher of this JVM"));
    }
}

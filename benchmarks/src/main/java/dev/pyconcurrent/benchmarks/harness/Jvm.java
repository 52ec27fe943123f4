package dev.pyconcurrent.benchmarks.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How to start a plain child JVM with this harness's classpath (for the raw-socket limit and {@code java Hello}). */
public final class Jvm {
    private Jvm() {
    }

    public static String java() {
        Path exe = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(exe) ? exe.toString() : "java";
    }

    public static String classpath() {
        return System.getProperty("java.class.path");
    }

    /** {@code java <options> -cp <our classpath> mainClass args...}. */
    public static List<String> command(List<String> options, Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The classpath entry (jar or directory) holding {@code type}. */
    public static String entryOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.pyconcurrent.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A description of the machine for the report, read from {@code /proc} and the JVM. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
    }

    public static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    public static String memory() {
        return procLine("/proc/meminfo", "MemTotal").orElse("?");
    }

    /** MemTotal in GiB, e.g. "23.5 GiB". */
    public static String memoryGiB() {
        String kb = memory().replace("kB", "").trim();
        try {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return memory();
        }
    }

    public static String kernel() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    public static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vm.info", "") + ")";
    }

    /** The 1-, 5- and 15-minute load averages. */
    public static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim().replaceAll("\\s+", " "));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}

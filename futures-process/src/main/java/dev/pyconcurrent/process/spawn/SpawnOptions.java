package dev.pyconcurrent.process.spawn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * How to start a child JVM: the JVM options, the main class and the child's relation to its parent.
 *
 * <p>Mirrors what {@code Lib/multiprocessing/spawn.py: get_command_line} and {@code get_preparation_data} decide for a
 * CPython child (interpreter path, {@code -c 'from multiprocessing.spawn import spawn_main; ...'}, interpreter flags
 * from {@code util._args_from_interpreter_flags}). Java differs: the child is a JVM, so the knobs are JVM options.
 *
 * <p>The option list of a child, in order (later options win where HotSpot lets them):
 * <ol>
 *   <li>{@link #DEFAULT_JVM_OPTIONS} when {@link Builder#defaultJvmOptions(boolean)} is on (the default), minus the
 *       GC choice if the user picks a collector;</li>
 *   <li>the AppCDS options chosen by {@link CdsArchive} when {@link Builder#cds(boolean)} is on;</li>
 *   <li>the whitespace-separated options of the system property {@value #JVM_OPTIONS_PROPERTY};</li>
 *   <li>{@link Builder#jvmOptions(List)};</li>
 *   <li>{@code -cp <classpath> <mainClass>}.</li>
 * </ol>
 * Immutable.
 */
public final class SpawnOptions {
    /** System property with extra child JVM options, split on whitespace (e.g. {@code -Xmx256m -ea}). */
    public static final String JVM_OPTIONS_PROPERTY = "pyconcurrent.process.jvmOptions";
    /** System property: {@code false} turns the AppCDS archive off for every child by default. */
    public static final String CDS_PROPERTY = "pyconcurrent.process.cds";
    /** System property: directory of the AppCDS archive cache (default {@code ~/.cache/pyconcurrent/cds}). */
    public static final String CDS_DIR_PROPERTY = "pyconcurrent.process.cdsDir";

    /**
     * Start-up oriented defaults, each measured (see the module README): SerialGC starts fastest and suits small
     * single-purpose workers; {@code -XX:-UsePerfData} skips the hsperfdata mmap file (children then do not show in
     * {@code jps}); {@code -Xshare:auto} keeps the JDK's CDS archive on and tolerates its absence.
     * {@code -XX:TieredStopAtLevel=1} is deliberately absent: it starts a little faster but makes heavy compute in
     * workers several times slower.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");

    private static final SpawnOptions DEFAULTS = builder().build();

    private final List<String> jvmOptions;
    private final boolean defaultJvmOptions;
    private final boolean cds;
    private final String mainClass;
    private final String classpath;
    private final String javaExecutable;
    private final boolean exitWithParent;
    private final boolean keepParentAlive;

    private SpawnOptions(Builder b) {
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.defaultJvmOptions = b.defaultJvmOptions;
        this.cds = b.cds;
        this.mainClass = b.mainClass;
        this.classpath = b.classpath;
        this.javaExecutable = b.javaExecutable;
        this.exitWithParent = b.exitWithParent;
        this.keepParentAlive = b.keepParentAlive;
    }

    public static SpawnOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.jvmOptions.addAll(jvmOptions);
        b.defaultJvmOptions = defaultJvmOptions;
        b.cds = cds;
        b.mainClass = mainClass;
        b.classpath = classpath;
        b.javaExecutable = javaExecutable;
        b.exitWithParent = exitWithParent;
        b.keepParentAlive = keepParentAlive;
        return b;
    }

    /** The user's extra JVM options (not including defaults, CDS or the system property). */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public boolean defaultJvmOptions() {
        return defaultJvmOptions;
    }

    public boolean cds() {
        return cds;
    }

    public String mainClass() {
        return mainClass;
    }

    /** The child's classpath; {@code null} means the parent's {@code java.class.path}. */
    public String classpath() {
        return classpath;
    }

    /** Path of the {@code java} launcher; {@code null} means the parent's own JVM. */
    public String javaExecutable() {
        return javaExecutable;
    }

    /** Whether the child exits as soon as its parent is gone (EOF on the spawn pipe). */
    public boolean exitWithParent() {
        return exitWithParent;
    }

    /** Whether the parent JVM stays alive (a non-daemon watcher thread) until the child ends. */
    public boolean keepParentAlive() {
        return keepParentAlive;
    }

    /** Builder; every setter returns {@code this}. */
    public static final class Builder {
        private final List<String> jvmOptions = new ArrayList<>();
        private boolean defaultJvmOptions = true;
        private boolean cds = !"false".equalsIgnoreCase(System.getProperty(CDS_PROPERTY, "true"));
        private String mainClass = ChildBootstrap.class.getName();
        private String classpath;
        private String javaExecutable;
        private boolean exitWithParent;
        private boolean keepParentAlive;

        private Builder() {
        }

        /** Replaces the user JVM options. */
        public Builder jvmOptions(List<String> options) {
            Objects.requireNonNull(options, "options");
            for (String option : options) {
                Objects.requireNonNull(option, "a JVM option is null");
            }
            jvmOptions.clear();
            jvmOptions.addAll(options);
            return this;
        }

        public Builder addJvmOptions(String... options) {
            List<String> all = new ArrayList<>(jvmOptions);
            Collections.addAll(all, options);
            return jvmOptions(all);
        }

        public Builder defaultJvmOptions(boolean on) {
            this.defaultJvmOptions = on;
            return this;
        }

        /** Use (and on first use create) a dynamic AppCDS archive for the child's classpath. */
        public Builder cds(boolean on) {
            this.cds = on;
            return this;
        }

        public Builder mainClass(String mainClass) {
            this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
            return this;
        }

        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        public Builder javaExecutable(String javaExecutable) {
            this.javaExecutable = javaExecutable;
            return this;
        }

        public Builder exitWithParent(boolean exitWithParent) {
            this.exitWithParent = exitWithParent;
            return this;
        }

        public Builder keepParentAlive(boolean keepParentAlive) {
            this.keepParentAlive = keepParentAlive;
            return this;
        }

        public SpawnOptions build() {
            return new SpawnOptions(this);
        }
    }
}

package dev.pyconcurrent.process.mppool;

import java.io.IOException;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.pyconcurrent.futures.function.SerializableConsumer;
import dev.pyconcurrent.futures.function.SerializableRunnable;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import dev.pyconcurrent.process.spawn.ChildJvm;
import dev.pyconcurrent.process.spawn.ChildJvmLauncher;
import dev.pyconcurrent.process.spawn.SpawnOptions;

/**
 * The constructor arguments of a {@link ProcessPool}: CPython's {@code Pool(processes=None, initializer=None,
 * initargs=(), maxtasksperchild=None, context=None)} plus the Java-only ones. Every setter returns {@code this};
 * values are checked when set, with CPython's messages where CPython checks them.
 *
 * <p>CPython counterpart: the argument checks of {@code Lib/multiprocessing/pool.py: Pool.__init__}. Where Java
 * differs: {@code context} (the start method) becomes {@link #spawnOptions} and {@link #jvmOptions}, since a JVM can
 * only spawn; {@code initializer=1} (not callable) cannot be written in Java, so the check that remains is for null;
 * {@code maxtasksperchild=0.5} or {@code "12"} do not compile, so the check that remains is for {@code <= 0}.
 */
public final class ProcessPoolBuilder {
    /** How a worker JVM is started; tests replace it to make a start fail. */
    @FunctionalInterface
    interface WorkerLauncher {
        ChildJvm launch(byte[] payload, SpawnOptions options, String name) throws IOException;
    }

    private Integer processes;
    private SerializableRunnable initializer;
    private Integer maxTasksPerChild;
    private Serializer serializer = Serializers.trustedPeerSerializer();
    private final List<String> jvmOptions = new ArrayList<>();
    private SpawnOptions spawnOptions = SpawnOptions.defaults();
    private Duration workerStartTimeout = Duration.ofSeconds(60);
    private WorkerLauncher launcher = ChildJvmLauncher::launch;

    ProcessPoolBuilder() {
    }

    /**
     * @param value the number of worker JVMs; null (default) for the available processors
     * @return this
     * @throws IllegalArgumentException if {@code value < 1} ({@code "Number of processes must be at least 1"})
     */
    public ProcessPoolBuilder processes(Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException("Number of processes must be at least 1, got " + value);
        }
        this.processes = value;
        return this;
    }

    /**
     * Runs once in every worker before its first task (CPython {@code initializer}).
     *
     * @param value the initializer; null for none
     * @return this
     */
    public ProcessPoolBuilder initializer(SerializableRunnable value) {
        this.initializer = value;
        return this;
    }

    /**
     * CPython {@code initializer=fn, initargs=(arg,)}.
     *
     * @param fn      the initializer
     * @param initarg its argument
     * @param <A>     the argument type
     * @return this
     * @throws NullPointerException if {@code fn} is null ({@code "initializer must be a callable"})
     */
    public <A> ProcessPoolBuilder initializer(SerializableConsumer<A> fn, A initarg) {
        Objects.requireNonNull(fn, "initializer must be a callable");
        this.initializer = new BoundInitializer<>(fn, initarg);
        return this;
    }

    /**
     * A worker exits after this many tasks and the worker handler starts a fresh one (CPython
     * {@code maxtasksperchild}), e.g. to release resources a task leaks.
     *
     * @param value at least 1; null (default) for no limit
     * @return this
     * @throws IllegalArgumentException if {@code value <= 0} ({@code "maxtasksperchild must be a positive int or None"})
     */
    public ProcessPoolBuilder maxTasksPerChild(Integer value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException("maxtasksperchild must be a positive int or None, got " + value);
        }
        this.maxTasksPerChild = value;
        return this;
    }

    /**
     * How functions, arguments and results that are not plain values travel (default: JDK serialization filtered
     * for trusted peers, as the process pool's). The workers must be able to rebuild it: it is shipped as an instance
     * if it is {@link java.io.Serializable}, else looked up there by its registered {@link Serializer#name()}.
     *
     * @param value the serializer
     * @return this
     */
    public ProcessPoolBuilder serializer(Serializer value) {
        Objects.requireNonNull(value, "serializer");
        if (!(value instanceof java.io.Serializable) && Serializers.find(value.name()).isEmpty()) {
            throw new IllegalArgumentException("serializer '" + value.name() + "' is neither Serializable nor"
                    + " registered, so worker JVMs could not rebuild it");
        }
        this.serializer = value;
        return this;
    }

    /**
     * @param value extra JVM options for the workers (e.g. {@code -Xmx256m}), after the spawn options' own
     * @return this
     */
    public ProcessPoolBuilder jvmOptions(List<String> value) {
        List<String> copy = List.copyOf(Objects.requireNonNull(value, "jvmOptions"));
        jvmOptions.clear();
        jvmOptions.addAll(copy);
        return this;
    }

    /**
     * @param value how worker JVMs start (default JVM options, AppCDS, java, classpath); CPython's {@code context}
     * @return this
     */
    public ProcessPoolBuilder spawnOptions(SpawnOptions value) {
        this.spawnOptions = Objects.requireNonNull(value, "spawnOptions");
        return this;
    }

    /**
     * Java-only: a worker that has not connected back this long after its spawn is killed and the pool breaks (a JVM
     * stuck in its start-up would otherwise hold its tasks forever). Default 60 s; a worker needs ≈ 0.1-0.3 s.
     *
     * @param value a positive duration
     * @return this
     */
    public ProcessPoolBuilder workerStartTimeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("workerStartTimeout must be positive, got " + value);
        }
        this.workerStartTimeout = value;
        return this;
    }

    ProcessPoolBuilder launcher(WorkerLauncher value) {
        this.launcher = Objects.requireNonNull(value, "launcher");
        return this;
    }

    /** @return the pool; its workers are being started when this returns */
    public ProcessPool build() {
        return new ProcessPool(this);
    }

    Integer processes() {
        return processes;
    }

    SerializableRunnable initializer() {
        return initializer;
    }

    Integer maxTasksPerChild() {
        return maxTasksPerChild;
    }

    Serializer serializer() {
        return serializer;
    }

    Duration workerStartTimeout() {
        return workerStartTimeout;
    }

    WorkerLauncher launcher() {
        return launcher;
    }

    /**
     * The spawn options of every worker: daemonic (exit with this JVM, never keep it alive), the user's JVM options
     * last, and the selector-provider property the process pool measured as a start-up win (the first Unix socket
     * of a worker skips a {@code ServiceLoader} scan of the classpath) unless the user set it.
     */
    SpawnOptions effectiveSpawnOptions() {
        String property = "-Djava.nio.channels.spi.SelectorProvider=";
        boolean userSetsProvider = false;
        for (List<String> options : List.of(spawnOptions.jvmOptions(), jvmOptions)) {
            for (String option : options) {
                userSetsProvider |= option.startsWith(property);
            }
        }
        SpawnOptions.Builder b = spawnOptions.toBuilder();
        if (!userSetsProvider) {
            b.addJvmOptions(property + SelectorProvider.provider().getClass().getName());
        }
        return b.addJvmOptions(jvmOptions.toArray(new String[0])).exitWithParent(true).keepParentAlive(false).build();
    }

    /** {@code initializer(fn, initarg)} bound into one serializable runnable. */
    record BoundInitializer<A>(SerializableConsumer<A> fn, A initarg) implements SerializableRunnable {
        @Override
        public void run() {
            fn.accept(initarg);
        }
    }
}

package dev.pyconcurrent.process.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.pyconcurrent.futures.function.SerializableRunnable;
import dev.pyconcurrent.ipc.serialization.Serializer;

/**
 * The constructor arguments of CPython's {@code ProcessPoolExecutor(max_workers, mp_context, initializer,
 * initargs, *, max_tasks_per_child)} plus the Java-only options. Every setter returns {@code this}; values are
 * checked when set, with CPython's messages where CPython checks them. Obtained from
 * {@link ProcessPoolExecutor#builder()}; its fields are read once by the pool's constructor.
 *
 * <p>CPython counterpart: the keyword arguments of {@code Lib/concurrent/futures/process.py: ProcessPoolExecutor}.
 */
public final class ProcessPoolExecutorBuilder {
    int maxWorkers = Math.max(1, Runtime.getRuntime().availableProcessors());
    SerializableRunnable initializer;
    int maxTasksPerChild;
    Serializer serializer = dev.pyconcurrent.ipc.serialization.Serializers.trustedPeerSerializer();
    final List<String> jvmOptions = new ArrayList<>();
    dev.pyconcurrent.process.spawn.SpawnOptions spawnOptions =
            dev.pyconcurrent.process.spawn.SpawnOptions.defaults();
    Duration taskTimeout;
    int callsPerWorker = 1;
    boolean replaceCrashedWorkers;
    Duration workerStartTimeout = ProcessPoolExecutor.DEFAULT_WORKER_START_TIMEOUT;
    int maxPendingWorkItems;
    PoolTrace trace;

    ProcessPoolExecutorBuilder() {
    }

    /** At most this many workers (default: the number of processors). */
    public ProcessPoolExecutorBuilder maxWorkers(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("maxWorkers must be greater than 0, got " + value);
        }
        this.maxWorkers = value;
        return this;
    }

    /** Runs in every worker before its first call (CPython {@code initializer}); null for none. */
    public ProcessPoolExecutorBuilder initializer(SerializableRunnable value) {
        this.initializer = value;
        return this;
    }

    /** CPython {@code initializer=fn, initargs=(arg,)}. */
    public <A> ProcessPoolExecutorBuilder initializer(dev.pyconcurrent.futures.function.SerializableConsumer<A> fn, A initarg) {
        Objects.requireNonNull(fn, "initializer must be a callable");
        this.initializer = new ProcessPoolExecutor.BoundInitializer<>(fn, initarg);
        return this;
    }

    /** A worker exits after this many calls and is replaced (CPython {@code max_tasks_per_child}). */
    public ProcessPoolExecutorBuilder maxTasksPerChild(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("maxTasksPerChild must be >= 1, got " + value);
        }
        this.maxTasksPerChild = value;
        return this;
    }

    /**
     * How calls, arguments and results that are not plain values travel (default: filtered JDK serialization).
     * The workers must be able to rebuild it: it is shipped as an instance if it is {@link java.io.Serializable},
     * else looked up there by its registered {@link Serializer#name()}.
     */
    public ProcessPoolExecutorBuilder serializer(Serializer value) {
        Objects.requireNonNull(value, "serializer");
        if (!(value instanceof java.io.Serializable)
                && dev.pyconcurrent.ipc.serialization.Serializers.find(value.name()).isEmpty()) {
            throw new IllegalArgumentException("serializer '" + value.name() + "' is neither Serializable nor"
                    + " registered, so worker JVMs could not rebuild it");
        }
        this.serializer = value;
        return this;
    }

    /** Extra JVM options for the workers, added after the spawn options' own. */
    public ProcessPoolExecutorBuilder jvmOptions(List<String> value) {
        this.jvmOptions.clear();
        this.jvmOptions.addAll(value);
        return this;
    }

    /** How worker JVMs start (default JVM options, AppCDS, java and classpath); CPython's {@code mp_context}. */
    public ProcessPoolExecutorBuilder spawnOptions(dev.pyconcurrent.process.spawn.SpawnOptions value) {
        this.spawnOptions = Objects.requireNonNull(value, "spawnOptions");
        return this;
    }

    /**
     * Java-only: how many calls one worker may hold at once. 1 (default) is CPython's behaviour: a worker takes
     * its next call only when it is free, so a queued call goes to whichever worker frees up first. 2 sends the
     * next call while the worker still runs the current one, so a busy worker finds it waiting and no round trip
     * separates two calls: for many tiny calls on 2 workers ≈ 1.3–1.7× the tasks/s (docs/benchmarks.md). The price,
     * familiar from Celery's prefetch: that call is committed to its worker, so behind a long call it waits even
     * if another worker falls idle; and {@code cancel(true)} of it kills the worker when the call starts
     * (it can no longer be withdrawn). Ignored (1) with a {@link #taskTimeout}, whose clock starts at sending.
     */
    public ProcessPoolExecutorBuilder callsPerWorker(int value) {
        if (value < 1 || value > WorkerChannel.PIPELINE_DEPTH) {
            throw new IllegalArgumentException("callsPerWorker must be 1 or " + WorkerChannel.PIPELINE_DEPTH
                    + ", got " + value);
        }
        this.callsPerWorker = value;
        return this;
    }

    /**
     * Java-only: a call running longer than this fails with {@link TaskTimeoutException}, and its worker is
     * killed and replaced (pebble's per-task timeout). Null (default): no limit.
     */
    public ProcessPoolExecutorBuilder taskTimeout(Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("taskTimeout must be positive, got " + value);
        }
        this.taskTimeout = value;
        return this;
    }

    /**
     * Java-only: when a worker dies unexpectedly, fail only the call it was running (with
     * {@link TerminatedWorkerException}) and start a replacement, instead of breaking the pool (CPython's and
     * the default behaviour).
     */
    public ProcessPoolExecutorBuilder replaceCrashedWorkers(boolean value) {
        this.replaceCrashedWorkers = value;
        return this;
    }

    /**
     * Java-only: a worker JVM that has not connected back to the pool this long after its spawn is killed and
     * counts as a worker that could not be started (the pool breaks). Without this bound a worker hanging in its
     * start-up (a JVM waiting for a debugger, a stopped process) would leave its calls, {@code close()} and the
     * JVM exit hook waiting forever. Default {@value ProcessPoolExecutor#DEFAULT_WORKER_START_TIMEOUT_SECONDS} s (a worker
     * needs ≈ 0.1 s on an idle machine).
     */
    public ProcessPoolExecutorBuilder workerStartTimeout(Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("workerStartTimeout must be positive, got " + value);
        }
        this.workerStartTimeout = value;
        return this;
    }

    /**
     * Java-only: {@code submit} blocks while this many work items are pending (submitted, not finished), so a
     * fast producer cannot fill the heap with queued calls. 0 (default): unbounded, as in CPython.
     */
    public ProcessPoolExecutorBuilder maxPendingWorkItems(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("maxPendingWorkItems must be >= 0, got " + value);
        }
        this.maxPendingWorkItems = value;
        return this;
    }

    /** Java-only: a listener for every hop of every work item (see {@link PoolTrace}). */
    public ProcessPoolExecutorBuilder trace(PoolTrace value) {
        this.trace = value;
        return this;
    }

    public ProcessPoolExecutor build() {
        return new ProcessPoolExecutor(this);
    }
}

package dev.pyconcurrent.process;

import dev.pyconcurrent.process.spawn.ChildJvm;
import dev.pyconcurrent.process.spawn.ChildJvmLauncher;
import dev.pyconcurrent.process.spawn.ExitStatus;
import dev.pyconcurrent.process.spawn.SpawnOptions;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A piece of work run in a child JVM: {@code multiprocessing.Process} for Java.
 *
 * <p>Mirrors {@code Lib/multiprocessing/process.py: BaseProcess} with the {@code spawn} start method
 * ({@code popen_spawn_posix.py}, {@code spawn.py}). {@link #start()} serializes this object (target, arguments, name,
 * authkey, parent pid, and the fields of a subclass) and starts a fresh JVM with the parent's {@code java} and
 * classpath, which reads it from its stdin, installs it as {@link #currentProcess()} and calls {@link #run()}.
 * A JVM cannot fork, so {@code spawn} is the only start method (see {@link ChildJvmLauncher}).
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   INITIAL ──start()──▶ STARTED ──child JVM exits──▶ STOPPED ──close()──▶ CLOSED
 *      └────────────────────────close()─────────────────────────────────────▲
 * </pre>
 * STOPPED is not stored: it is STARTED with an exit code ({@link #exitCode()} non-null). Rules, each with CPython's
 * message, as {@link IllegalStateException} (CPython raises {@code AssertionError} or {@code ValueError}):
 * <ul>
 *   <li>{@code start()} twice: "cannot start a process twice"; from another process than the creator:
 *       "can only start a process object created by current process"; inside a daemon child:
 *       "daemonic processes are not allowed to have children";</li>
 *   <li>{@code join()} before {@code start()}: "can only join a started process"; from another process:
 *       "can only join a child process";</li>
 *   <li>{@code setDaemon()} after start: "process has already started";</li>
 *   <li>{@code close()} while the child runs: "Cannot close a process while it is still running..."; {@code close()}
 *       again is a no-op; any other use after close: "process object is closed";</li>
 *   <li>{@link #sentinel()} before start: "process not started".</li>
 * </ul>
 * A finished process stays finished: {@code terminate()}/{@code kill()} on it are no-ops, its exit code never
 * changes. After {@code start()} this object no longer references the target and its arguments (they live on in
 * the child), as in CPython.
 *
 * <h2>Exit codes</h2>
 * 0 after a normal return; 1 after an exception (the child prints {@code Process <name>:} and the stack trace);
 * {@code n} after {@code System.exit(n)} or {@code throw new SystemExitException(n)}; {@code -n} after death by
 * signal {@code n} ({@link #terminate()} → −15, {@link #kill()} → −9). See {@link ExitStatus} for how the JVM's
 * 128+n convention is undone.
 *
 * <h2>Subclassing</h2>
 * Override {@link #run()} (CPython's {@code Process.run}); the subclass is serialized with its fields, so it and
 * they must be serializable. Its default name uses the subclass's simple name, as CPython uses
 * {@code type(self).__name__}.
 */
public class Process implements Serializable {
    private static final long serialVersionUID = 1L;

    // ---- Identity: set in the parent, travels to the child. ----
    /** CPython's {@code _identity}: the creator's identity plus this process's number in the creator. */
    private final int[] identity;
    private final long parentPid;
    private final String parentName;
    private String name;
    private boolean daemon;
    private byte[] authkey;
    /** {@code null}: same as {@link #daemon} (daemon children exit with their parent, others finish their work). */
    private Boolean exitWithParent;

    // ---- The work: dropped in the parent once the child has it. ----
    private ProcessTarget target;
    private List<Object> args;
    private Map<String, Object> kwargs;

    // ---- Parent-side state (never serialized). Guarded by "this". ----
    private transient SpawnOptions spawnOptions;
    /** CPython's {@code _popen}: null in INITIAL (and CLOSED, after being used). */
    private transient volatile ChildJvm popen;
    private transient boolean closed;
    /** The exit code seen when closing, so a CLOSED process still answers {@link #exitCode()}. */
    private transient Integer exitCodeAtClose;

    /** For subclasses that override {@link #run()}; name and daemon flag are the defaults. */
    protected Process() {
        this(null, List.of(), Map.of(), null, null);
    }

    /** For subclasses that override {@link #run()}, with a name ({@code null} = default). */
    protected Process(String name) {
        this(null, List.of(), Map.of(), name, null);
    }

    /** {@code Process(target=f)}. */
    public Process(ProcessTarget.NoArgs target) {
        this(new Targets.NoArgsTarget(Objects.requireNonNull(target, "target")), List.of(), Map.of(), null, null);
    }

    /** {@code Process(target=f, args=(arg,))}. */
    public <A> Process(ProcessTarget.OneArg<A> target, A arg) {
        this(new Targets.OneArgTarget<>(Objects.requireNonNull(target, "target")), Targets.listOf(arg), Map.of(),
                null, null);
    }

    /** {@code Process(target=f, args=(a, b))}. */
    public <A, B> Process(ProcessTarget.TwoArgs<A, B> target, A first, B second) {
        this(new Targets.TwoArgsTarget<>(Objects.requireNonNull(target, "target")), Targets.listOf(first, second),
                Map.of(), null, null);
    }

    /**
     * {@code Process(target, args, kwargs, name, daemon)}: the full CPython constructor.
     *
     * @param target the work, or {@code null} to do nothing (or to override {@link #run()})
     * @param name {@code null} for the default {@code <ClassName>-<identity>}
     * @param daemon {@code null} to inherit the current process's flag
     */
    public Process(ProcessTarget target, List<?> args, Map<String, ?> kwargs, String name, Boolean daemon) {
        Process creator = ProcessRegistry.current();
        int[] creatorIdentity = creator.identity;
        this.identity = Arrays.copyOf(creatorIdentity, creatorIdentity.length + 1);
        this.identity[creatorIdentity.length] = ProcessRegistry.nextCount();
        this.parentPid = ProcessHandle.current().pid();
        this.parentName = creator.name;
        this.authkey = creator.authkey.clone();
        this.daemon = daemon != null ? daemon : creator.daemon;
        this.target = target;
        this.args = Targets.copyArgs(args);
        this.kwargs = Targets.copyKwargs(kwargs);
        this.name = name != null ? name : defaultName();
    }

    /** The special objects (MainProcess, ParentProcess) that describe existing processes. */
    Process(int[] identity, String name, long parentPid, String parentName, byte[] authkey) {
        this.identity = identity;
        this.name = name;
        this.parentPid = parentPid;
        this.parentName = parentName;
        this.authkey = authkey;
        this.args = List.of();
        this.kwargs = Map.of();
    }

    /** A builder for the keyword-style constructor plus the spawn settings. */
    public static Builder builder() {
        return new Builder();
    }

    private String defaultName() {
        String kind = getClass().getSimpleName();
        if (kind.isEmpty()) {
            kind = "Process"; // anonymous subclass: CPython would show the class's own name, which Java lacks
        }
        return kind + "-" + Arrays.stream(identity).mapToObj(Integer::toString).collect(Collectors.joining(":"));
    }

    // ------------------------------------------------------------------ static views of this JVM

    /** CPython's {@code current_process()}: the MainProcess, or inside a child its own Process object. */
    public static Process currentProcess() {
        return ProcessRegistry.current();
    }

    /** CPython's {@code parent_process()}: empty in the main process. */
    public static Optional<Process> parentProcess() {
        return Optional.ofNullable(ProcessRegistry.parent());
    }

    /** CPython's {@code active_children()}: started children not yet seen to have exited (and joins the dead). */
    public static List<Process> activeChildren() {
        return ProcessRegistry.activeChildren();
    }

    /** CPython's {@code cpu_count()}. */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    // ------------------------------------------------------------------ the work

    /**
     * The child's work; runs in the child JVM. The default calls the target with its arguments. Override it in a
     * subclass instead of passing a target, as with CPython's {@code Process.run}.
     */
    public void run() throws Exception {
        if (target != null) {
            target.run(args, kwargs);
        }
    }

    /**
     * Starts the child JVM (CPython's {@code start()}). Serialization happens first: an unserializable target,
     * argument or subclass field fails here with an {@link UncheckedIOException} naming it, and nothing is started.
     *
     * @throws IllegalStateException on misuse (see the class comment)
     * @throws UncheckedIOException if this object cannot be serialized or the JVM cannot be started
     */
    public final void start() {
        synchronized (this) {
            checkClosed();
            if (popen != null) {
                throw new IllegalStateException("cannot start a process twice");
            }
            if (parentPid != ProcessHandle.current().pid() || this instanceof SpecialProcess) {
                throw new IllegalStateException("can only start a process object created by current process");
            }
            if (ProcessRegistry.current().daemon) {
                throw new IllegalStateException("daemonic processes are not allowed to have children");
            }
            ProcessRegistry.cleanup();
            SpawnOptions options = (spawnOptions != null ? spawnOptions : SpawnOptions.defaults()).toBuilder()
                    .exitWithParent(exitWithParent != null ? exitWithParent : daemon)
                    .keepParentAlive(!daemon)
                    .build();
            byte[] payload;
            try {
                payload = ChildJvmLauncher.serialize(new ProcessLaunch(this));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serialize process " + name + " for the child JVM: " + e, e);
            }
            try {
                popen = ChildJvmLauncher.launch(payload, options, name);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start process " + name + ": " + e.getMessage(), e);
            }
            // The child has its own copy now; do not keep the work (and its arguments) alive here.
            target = null;
            args = List.of();
            kwargs = Map.of();
            ProcessRegistry.addChild(this);
        }
    }

    /** Runs in the child: CPython's {@code _bootstrap}. Returns the exit code. */
    final int bootstrap(Process parentView) {
        ProcessRegistry.becomeChild(this, parentView);
        int exitCode;
        try {
            run();
            exitCode = 0;
        } catch (SystemExitException exit) {
            if (exit.isMessage()) {
                System.err.println(exit.getMessage());
                exitCode = 1;
            } else {
                exitCode = exit.code() == null ? 0 : exit.code();
            }
        } catch (Throwable failure) {
            System.err.println("Process " + name + ":");
            failure.printStackTrace();
            exitCode = 1;
        }
        System.out.flush();
        System.err.flush();
        return exitCode;
    }

    // ------------------------------------------------------------------ waiting and signalling

    /** Waits for the child to exit (CPython's {@code join()}). */
    public final void join() throws InterruptedException {
        ChildJvm child = joinable();
        child.waitFor();
        ProcessRegistry.removeChild(this);
    }

    /**
     * Waits at most {@code timeout} (CPython's {@code join(timeout)}); zero or negative only checks.
     *
     * @return true if the child has exited (CPython returns None either way; check {@link #exitCode()})
     */
    public final boolean join(Duration timeout) throws InterruptedException {
        ChildJvm child = joinable();
        if (child.waitFor(timeout) == null) {
            return false;
        }
        ProcessRegistry.removeChild(this);
        return true;
    }

    /** {@link #join(Duration)} with a unit. */
    public final boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        return join(Duration.ofNanos(unit.toNanos(timeout)));
    }

    private synchronized ChildJvm joinable() {
        checkClosed();
        if (parentPid != ProcessHandle.current().pid() || this instanceof SpecialProcess) {
            throw new IllegalStateException("can only join a child process");
        }
        if (popen == null) {
            throw new IllegalStateException("can only join a started process");
        }
        return popen;
    }

    /** CPython's {@code is_alive()}: started and not yet exited (always true for {@link #currentProcess()}). */
    public final boolean isAlive() {
        ChildJvm child;
        synchronized (this) {
            checkClosed();
            if (this == ProcessRegistry.current()) {
                return true;
            }
            if (this instanceof ParentProcess) {
                return ((ParentProcess) this).parentAlive();
            }
            if (parentPid != ProcessHandle.current().pid()) {
                throw new IllegalStateException("can only test a child process");
            }
            child = popen;
        }
        if (child == null) {
            return false;
        }
        if (child.isAlive()) {
            return true;
        }
        ProcessRegistry.removeChild(this);
        return false;
    }

    /** SIGTERM the child (CPython's {@code terminate()}); exit code −15 unless it already exited. */
    public final void terminate() {
        started("terminate").terminate();
    }

    /** SIGKILL the child (CPython's {@code kill()}); exit code −9 unless it already exited. */
    public final void kill() {
        started("kill").kill();
    }

    private synchronized ChildJvm started(String action) {
        checkClosed();
        if (popen == null) {
            throw new IllegalStateException("can only " + action + " a started process");
        }
        return popen;
    }

    /**
     * CPython's {@code sentinel}: completes with the exit code when the child is gone. Pass it, mixed with
     * connections, to {@link dev.pyconcurrent.ipc.connection.ConnectionWait#ready} as CPython passes sentinels to
     * {@code connection.wait}; or combine several with {@link CompletableFuture#anyOf}.
     */
    public final CompletableFuture<Integer> sentinel() {
        synchronized (this) {
            checkClosed();
            if (this instanceof ParentProcess) {
                return ((ParentProcess) this).parentSentinel();
            }
            if (popen == null) {
                throw new IllegalStateException("process not started");
            }
            return popen.onExit();
        }
    }

    /**
     * Releases the child handle (CPython's {@code close()}); only once the child has exited. A second call is a
     * no-op. Most other methods then throw "process object is closed".
     */
    public final synchronized void close() {
        if (popen != null) {
            if (popen.isAlive()) {
                throw new IllegalStateException("Cannot close a process while it is still running. "
                        + "You should first call join() or terminate().");
            }
            exitCodeAtClose = popen.exitCode();
            popen.closeSpawnPipe();
            popen = null;
        }
        ProcessRegistry.removeChild(this);
        closed = true;
    }

    private void checkClosed() {
        if (closed) {
            throw new IllegalStateException("process object is closed");
        }
    }

    // ------------------------------------------------------------------ attributes

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name must be a string");
    }

    public boolean isDaemon() {
        return daemon;
    }

    /** CPython's {@code daemon} setter: only before {@code start()}. */
    public synchronized void setDaemon(boolean daemon) {
        if (popen != null || closed) {
            throw new IllegalStateException("process has already started");
        }
        this.daemon = daemon;
    }

    /** Whether the child exits when this JVM dies; {@code null} (default) means "if daemon". */
    public synchronized void setExitWithParent(Boolean exitWithParent) {
        if (popen != null) {
            throw new IllegalStateException("process has already started");
        }
        this.exitWithParent = exitWithParent;
    }

    /** JVM options and other spawn settings for this child (before {@code start()}). */
    public synchronized void setSpawnOptions(SpawnOptions options) {
        if (popen != null) {
            throw new IllegalStateException("process has already started");
        }
        this.spawnOptions = Objects.requireNonNull(options, "options");
    }

    /** The authentication key (a copy); children inherit their creator's key. */
    public byte[] authkey() {
        return authkey.clone();
    }

    /**
     * Sets the key this process's children inherit. On {@link #currentProcess()} it also becomes the JVM's
     * {@link dev.pyconcurrent.ipc.host.ProcessAuthKey}, the key its hosted queues and locks authenticate with (as
     * assigning {@code current_process().authkey} does in CPython).
     */
    public void setAuthkey(byte[] authkey) {
        this.authkey = Objects.requireNonNull(authkey, "authkey must be bytes").clone();
        if (this == currentProcess()) {
            dev.pyconcurrent.ipc.host.ProcessAuthKey.set(this.authkey);
        }
    }

    /** CPython's {@code exitcode}: {@code null} until the child has exited. */
    public final Integer exitCode() {
        synchronized (this) {
            if (popen == null) {
                return exitCodeAtClose;
            }
            return popen.exitCode();
        }
    }

    /** CPython's {@code pid}/{@code ident}: {@code null} before start (and after close). */
    public final Long pid() {
        synchronized (this) {
            checkClosed();
            if (this == ProcessRegistry.current()) {
                return ProcessHandle.current().pid();
            }
            if (this instanceof ParentProcess) {
                return ((ParentProcess) this).parentPidOfView();
            }
            return popen == null ? null : popen.pid();
        }
    }

    /** Same as {@link #pid()} (CPython's {@code ident}). */
    public final Long ident() {
        return pid();
    }

    /** The identity numbers behind the default name (CPython's {@code _identity}); empty for the main process. */
    public int[] identity() {
        return identity.clone();
    }

    long parentPid() {
        return parentPid;
    }

    String parentName() {
        return parentName;
    }

    // ------------------------------------------------------------------ helpers for the registry

    boolean hasExitedQuietly() {
        ChildJvm child = popen;
        return child == null || !child.isAlive();
    }

    void terminateQuietly() {
        ChildJvm child = popen;
        if (child != null) {
            child.terminate();
        }
    }

    void awaitExitQuietly(Duration timeout) {
        ChildJvm child = popen;
        if (child != null) {
            try {
                child.waitFor(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** CPython's {@code __repr__}: {@code <Process name='Process-1' pid=42 parent=7 stopped exitcode=-SIGTERM>}. */
    @Override
    public String toString() {
        ChildJvm child;
        boolean isClosed;
        synchronized (this) {
            child = popen;
            isClosed = closed;
        }
        Integer code = null;
        String status;
        if (this == ProcessRegistry.current()) {
            status = "started";
        } else if (isClosed) {
            status = "closed";
        } else if (parentPid != ProcessHandle.current().pid()) {
            status = "unknown";
        } else if (child == null) {
            status = "initial";
        } else {
            code = child.exitCode();
            status = code != null ? "stopped" : "started";
        }
        StringBuilder text = new StringBuilder("<").append(getClass().getSimpleName().isEmpty()
                ? "Process" : getClass().getSimpleName()).append(" name='").append(name).append('\'');
        if (child != null) {
            text.append(" pid=").append(child.pid());
        }
        text.append(" parent=").append(parentPid).append(' ').append(status);
        if (code != null) {
            text.append(" exitcode=").append(ExitStatus.describe(code));
        }
        if (daemon) {
            text.append(" daemon");
        }
        return text.append('>').toString();
    }

    /** Marker for MainProcess and ParentProcess: views of processes this object did not start. */
    interface SpecialProcess {
    }

    /**
     * Keyword-style construction: {@code Process.builder().target(f).args(1, 2).name("w").daemon(true).build()}.
     * Mirrors the keyword arguments of CPython's {@code Process(group, target, name, args, kwargs, daemon)}.
     */
    public static final class Builder {
        private ProcessTarget target;
        private List<?> args = List.of();
        private Map<String, ?> kwargs = Map.of();
        private String name;
        private Boolean daemon;
        private Boolean exitWithParent;
        private SpawnOptions spawnOptions;

        private Builder() {
        }

        public Builder target(ProcessTarget target) {
            this.target = target;
            return this;
        }

        public Builder target(ProcessTarget.NoArgs target) {
            this.target = new Targets.NoArgsTarget(Objects.requireNonNull(target, "target"));
            return this;
        }

        public <A> Builder target(ProcessTarget.OneArg<A> target) {
            this.target = new Targets.OneArgTarget<>(Objects.requireNonNull(target, "target"));
            return this;
        }

        public Builder args(Object... args) {
            this.args = Targets.listOf(args);
            return this;
        }

        public Builder args(List<?> args) {
            this.args = Objects.requireNonNull(args, "args");
            return this;
        }

        public Builder kwargs(Map<String, ?> kwargs) {
            this.kwargs = Objects.requireNonNull(kwargs, "kwargs");
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        public Builder exitWithParent(boolean exitWithParent) {
            this.exitWithParent = exitWithParent;
            return this;
        }

        public Builder spawnOptions(SpawnOptions options) {
            this.spawnOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Shorthand for {@code spawnOptions(SpawnOptions.builder().jvmOptions(options).build())}. */
        public Builder jvmOptions(List<String> options) {
            SpawnOptions base = spawnOptions != null ? spawnOptions : SpawnOptions.defaults();
            this.spawnOptions = base.toBuilder().jvmOptions(options).build();
            return this;
        }

        public Process build() {
            Process process = new Process(target, args, kwargs, name, daemon);
            process.exitWithParent = exitWithParent;
            process.spawnOptions = spawnOptions;
            return process;
        }
    }
}

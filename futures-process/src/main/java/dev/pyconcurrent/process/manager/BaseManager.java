package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.ipc.connection.Client;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.serialization.Serializers;
import dev.pyconcurrent.process.Process;
import dev.pyconcurrent.process.ProcessTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts (or connects to) a server process that holds shared objects, and creates them there, handing back
 * proxies.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: BaseManager} ({@code register}, {@code start},
 * {@code connect}, {@code get_server}, {@code shutdown} with 3.11's {@code shutdown_timeout}, {@code join},
 * {@code address}, {@code _create}, {@code _number_of_objects}, {@code _debug_info}, {@code __enter__/__exit__}).
 * {@link #start()} runs the server in a real child JVM ({@link Process}) and learns its address over a pipe
 * ({@link ServerProcess}); {@link #shutdown()} asks the server to stop, waits {@code shutdownTimeout}, then terminates, waits again,
 * then kills (CPython's {@code _finalize_manager}).
 *
 * <p>Java differs:
 * <ul>
 *   <li>{@code register} is an instance method (Java static methods cannot see the subclass they are called on);
 *       a subclass registers its types in its constructor, as {@link SyncManager} does. Register before
 *       {@code start()}: the server takes a copy of the registry.</li>
 *   <li>No generated {@code manager.Foo()} methods: {@link #create(String, Object...)} makes an object of a type id
 *       (typed subclasses such as {@link SyncManager} add typed methods).</li>
 *   <li>Initializers are {@link ProcessTarget}s (serializable); CPython's {@code TypeError} for a non-callable
 *       initializer is a compile-time error here.</li>
 *   <li>The server process is a daemon child, so a JVM that forgets {@code shutdown()} can still exit: a shutdown
 *       hook then shuts it down as CPython's finalizer does (exit code 0, or -15 if the JVM's daemon-child hook
 *       terminated it first). Being a daemon it cannot start processes itself (so no manager-hosted Pool).</li>
 *   <li>The default serializer is {@code jdk-trusted}: every connection is authenticated with the authkey, the
 *       trust model CPython's pickle-based managers have. Pass {@code "jdk"} for the strict allow-list.</li>
 * </ul>
 *
 * <h2>States and transitions</h2> (see {@link ManagerState}; guarded by {@code this})
 * <pre>
 *   INITIAL --start(): server process started and reported its address--&gt; STARTED
 *   INITIAL --connect(): the server at address answered--&gt; STARTED (this object does not own the server)
 *   STARTED --shutdown() / close() / JVM exit--&gt; SHUTDOWN: an owned server is stopped; every proxy connection of
 *            this JVM to it is closed; proxies then fail with ManagerConnectionException
 *   start() in STARTED: "Already started server"; in SHUTDOWN: "Manager has shut down" (IllegalStateException)
 *   shutdown() in SHUTDOWN: nothing (idempotent)
 * </pre>
 */
public class BaseManager implements AutoCloseable {
    /** CPython 3.11's default {@code shutdown_timeout}. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

    private final Map<String, Registration> registry = new LinkedHashMap<>();
    private final SocketAddress requestedAddress;
    private final byte[] authkey;
    private final String serializer;
    private final Duration shutdownTimeout;
    private final ManagerState state = new ManagerState();
    private volatile String address;
    private Process process;
    private Thread exitHook;

    /** A manager on a fresh Unix socket, with this process's authkey. */
    public BaseManager() {
        this((SocketAddress) null, null);
    }

    /**
     * @param address where the server listens ({@code null}: a fresh Unix socket; {@code localhost:0}-style TCP
     *                addresses pick a free port), or where to {@link #connect()}
     * @param authkey the key every connection must prove; {@code null}: this process's authkey
     */
    public BaseManager(SocketAddress address, byte[] authkey) {
        this(address, authkey, Serializers.trustedPeerSerializer().name(), DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /** As {@link #BaseManager(SocketAddress, byte[])} with the address as text ({@code /path} or {@code host:port}). */
    public BaseManager(String address, byte[] authkey) {
        this(address == null ? null : Addressing.parse(address), authkey);
    }

    /**
     * The full constructor.
     *
     * @param serializer      a registered serializer name ({@code "jdk-trusted"}, {@code "jdk"}, {@code "kryo"})
     * @param shutdownTimeout how long {@link #shutdown()} waits after each step
     */
    public BaseManager(SocketAddress address, byte[] authkey, String serializer, Duration shutdownTimeout) {
        this.requestedAddress = address;
        this.authkey = authkey != null ? authkey.clone() : Process.currentProcess().authkey();
        if (this.authkey.length == 0) {
            throw new IllegalArgumentException("authkey must be non-empty bytes");
        }
        Serializers.get(serializer);                         // fail now for an unknown name
        this.serializer = serializer;
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        this.address = address == null ? null : Addressing.format(address);
    }

    // ---------------------------------------------------------------- registry

    /** Registers {@code typeid} with every option (CPython's {@code register}); returns this manager. */
    public synchronized BaseManager register(Registration registration) {
        registry.put(registration.typeid(), registration);
        return this;
    }

    /** {@code register(typeid, callable)}: an {@link AutoProxy} exposing the referent's public methods. */
    public BaseManager register(String typeid, ReferentFactory factory) {
        return register(new Registration(typeid, factory, null, null, null));
    }

    /** {@code register(typeid, callable, proxytype=...)}. */
    public BaseManager register(String typeid, ReferentFactory factory, ProxyType proxyType) {
        return register(new Registration(typeid, factory, null, null, proxyType));
    }

    /** {@code register(typeid, callable, exposed=...)}. */
    public BaseManager register(String typeid, ReferentFactory factory, List<String> exposed) {
        return register(new Registration(typeid, factory, exposed, null, null));
    }

    /** {@code register(typeid)}: a type id whose server side is registered elsewhere (for {@link #connect()}). */
    public BaseManager register(String typeid) {
        return register(new Registration(typeid, null, null, null, null));
    }

    synchronized Registration registration(String typeid) {
        return registry.get(typeid);
    }

    private synchronized Map<String, Registration.ServerPart> serverRegistry() {
        Map<String, Registration.ServerPart> out = new LinkedHashMap<>();
        registry.forEach((k, v) -> out.put(k, v.serverPart()));
        return out;
    }

    // ---------------------------------------------------------------- life cycle

    /** Starts the server process (CPython's {@code start()}). */
    public final void start() {
        start((ProcessTarget) null, List.of());
    }

    /** {@code start(initializer)}: {@code initializer} runs in the server process before it serves. */
    public final void start(ProcessTarget.NoArgs initializer) {
        Objects.requireNonNull(initializer, "initializer");
        start((args, kwargs) -> initializer.run(), List.of());
    }

    /** {@code start(initializer, (arg,))}. */
    @SuppressWarnings("unchecked")
    public final <A> void start(ProcessTarget.OneArg<A> initializer, A arg) {
        Objects.requireNonNull(initializer, "initializer");
        start((args, kwargs) -> initializer.run((A) args.get(0)), Arrays.asList(arg));
    }

    /**
     * {@code start(initializer, initargs)}.
     *
     * @throws IllegalStateException if already started or shut down, or if the server process failed to start
     *                               (the server-side stack trace is in the message)
     */
    public final synchronized void start(ProcessTarget initializer, List<?> initargs) {
        checkInitial();
        String name = getClass().getSimpleName();
        ServerProcess.Started started = ServerProcess.launch(name, new ServerBootstrap.Launch(serverRegistry(),
                requestedAddress == null ? null : Addressing.format(requestedAddress), authkey, serializer, null,
                initializer, new ArrayList<>(initargs)));
        this.address = started.address();
        this.process = started.process();
        state.value = ManagerState.STARTED;
        exitHook = new Thread(this::finalizeManager, "manager-shutdown-" + process.name());
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /**
     * Connects to a server someone else started, at this manager's address, proving this manager's authkey
     * (CPython's {@code connect()}).
     *
     * @throws ManagerConnectionException if nothing answers there, or the server refuses the authkey
     */
    public final synchronized void connect() {
        checkInitial();
        if (address == null) {
            throw new IllegalStateException("connect() needs the manager's address");
        }
        try (Connection c = Client.connect(Addressing.parse(address), authkey, Serializers.get(serializer))) {
            Dispatch.dispatch(c, null, "dummy");
        } catch (dev.pyconcurrent.ipc.connection.AuthenticationException e) {
            throw new ManagerConnectionException("the manager at " + address + " refused the authkey: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw Dispatch.unreachable(address, "connect()", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        state.value = ManagerState.STARTED;
    }

    /**
     * A server for this manager's registry, address and authkey, to run in this JVM with
     * {@link Server#serveForever()} (CPython's {@code get_server()}).
     */
    public final synchronized Server getServer() {
        checkInitial();
        try {
            return new Server(serverRegistry(), requestedAddress, authkey, Serializers.get(serializer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen at " + requestedAddress + ": " + e, e);
        }
    }

    private void checkInitial() {
        if (state.value == ManagerState.STARTED) {
            throw new IllegalStateException("Already started server");
        }
        if (state.value == ManagerState.SHUTDOWN) {
            throw new IllegalStateException("Manager has shut down");
        }
    }

    /**
     * Stops the server this manager started (CPython's {@code shutdown()}): a {@code shutdown} request, then
     * {@code join(shutdownTimeout)}, {@code terminate()}, {@code join(shutdownTimeout)}, {@code kill()}. For a
     * manager that only {@link #connect()}ed, it closes this JVM's connections and leaves the server running.
     * Idempotent.
     */
    public final void shutdown() {
        Thread hook;
        synchronized (this) {
            if (state.value == ManagerState.SHUTDOWN) {
                return;
            }
            hook = exitHook;
            exitHook = null;
        }
        finalizeManager();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // the JVM is exiting: the hook may be running too, which finalizeManager tolerates
            }
        }
    }

    /** {@code with manager:} ends in {@code shutdown()}. */
    @Override
    public void close() {
        shutdown();
    }

    /** CPython's {@code _finalize_manager}. */
    private void finalizeManager() {
        Process p;
        String addr;
        synchronized (this) {
            if (state.value == ManagerState.SHUTDOWN) {
                return;
            }
            p = process;
            addr = address;
            state.value = ManagerState.SHUTDOWN;
        }
        try {
            if (p != null) {
                ServerProcess.stop(p, addr, authkey, serializer, shutdownTimeout);
            }
        } finally {
            if (addr != null) {
                ProxyConnections.closeAll(addr);
            }
        }
    }

    /** Waits for the server process to exit (CPython's {@code join(timeout)}); true if it has. */
    public final boolean join(Duration timeout) throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null) {
            throw new IllegalStateException("this manager did not start a server process");
        }
        return p.join(timeout);
    }

    // ---------------------------------------------------------------- shared objects

    /**
     * Creates a shared object of a registered type id in the server and returns its proxy (CPython's generated
     * {@code manager.<typeid>(*args)} / {@code _create}). The new proxy holds the one reference the server counted
     * for it.
     *
     * @throws IllegalArgumentException if {@code typeid} is not registered with this manager
     * @throws IllegalStateException if the manager is not started
     * @throws RemoteErrorException if the server failed to create it (the callable threw, ...)
     */
    public final BaseProxy create(String typeid, Object... args) {
        Registration reg = registration(typeid);
        if (reg == null) {
            throw new IllegalArgumentException("typeid '" + typeid + "' is not registered with this manager");
        }
        String addr = checkStarted();
        Object[] request = new Object[args.length + 1];
        request[0] = typeid;
        System.arraycopy(args, 0, request, 1, args.length);
        Object[] created = (Object[]) callServer(addr, "create", request);
        Token token = new Token(typeid, addr, (String) created[0]);
        return reg.proxyType().make(new ProxySpec(token, serializer, this, authkey,
                Arrays.asList((String[]) created[1]), false, false));
    }

    /** {@link #create(String, Object...)} cast to the registered proxy class. */
    public final <P extends BaseProxy> P create(Class<P> proxyClass, String typeid, Object... args) {
        return proxyClass.cast(create(typeid, args));
    }

    /** How many shared objects the server holds (CPython's {@code _number_of_objects()}). */
    public final int numberOfObjects() {
        return (Integer) callServer(checkStarted(), "number_of_objects");
    }

    /** One line per shared object with its reference count (CPython's {@code _debug_info()}). */
    public final String debugInfo() {
        return (String) callServer(checkStarted(), "debug_info");
    }

    private Object callServer(String addr, String method, Object... args) {
        try {
            return Dispatch.callServer(addr, authkey, serializer, method, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed: " + e, e);
        }
    }

    private String checkStarted() {
        int s = state.value;
        if (s != ManagerState.STARTED) {
            throw new IllegalStateException(s == ManagerState.INITIAL ? "server not yet started"
                    : "Manager has shut down");
        }
        return address;
    }

    // ---------------------------------------------------------------- attributes

    /** The server's address ({@code /path/socket} or {@code host:port}); {@code null} before {@code start()}. */
    public final String address() {
        return address;
    }

    /** The server process this manager started ({@code null} if none); CPython's {@code _process}. */
    public final synchronized Process process() {
        return process;
    }

    /** {@code "INITIAL"}, {@code "STARTED"} or {@code "SHUTDOWN"}. */
    public final String stateName() {
        return ManagerState.name(state.value);
    }

    final ManagerState state() {
        return state;
    }

    final String serializerName() {
        return serializer;
    }

    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " address=" + address + " " + stateName() + ">";
    }
}

package dev.pyconcurrent.ipc.host;

import dev.pyconcurrent.ipc.connection.AuthenticationException;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.ConnectionStateException;
import dev.pyconcurrent.ipc.connection.Listener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM server that makes this JVM's queues, locks and shared values usable from other
 * processes: a {@link Listener} on a Unix socket in a private 0700 directory, authenticated with
 * the {@link ProcessAuthKey}, serving each accepted connection on its own daemon thread.
 *
 * <p>Why a host at all: CPython shares a {@code multiprocessing.Queue} or {@code Lock} by handing
 * the child an inherited pipe descriptor or a POSIX named semaphore. The JDK can neither fork nor
 * pass a descriptor to a child (no {@code SCM_RIGHTS}), and has no POSIX semaphores. So this module
 * uses the design CPython itself uses for {@code Manager().Queue()} and manager proxies
 * ({@code Lib/multiprocessing/managers.py: Server}): the object lives in one process, and every
 * other process talks to it over an authenticated socket. Unlike a manager, the host is not a
 * separate process: it is whichever JVM created the object, started lazily the first time one of
 * its objects is serialized, and that JVM keeps using the object directly, with no socket.
 *
 * <h2>Objects and handles</h2>
 * {@link #export} gives an object an id (once; the same object always gets the same id) and
 * returns a {@link RemoteRef}. The object's {@code writeReplace} puts that reference into a small
 * handle record; the handle's {@code readResolve} turns it back into the object itself in this JVM,
 * or into a proxy elsewhere. Exported objects stay registered as long as this JVM runs: there is no
 * distributed reference counting (CPython's {@code incref}/{@code decref}), a documented gap.
 *
 * <h2>Connections</h2>
 * <ul>
 *   <li>CALLS: one per (client thread, host). Request → reply; the host thread may block inside the
 *       object for the client (timeouts travel in the request), so a client never multiplexes.</li>
 *   <li>STREAM: one per (client process, host), one-way item frames from queue feeders.</li>
 *   <li>RELAY: splices a shared {@link Connection} end to a child (see {@link Connections}).</li>
 * </ul>
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   (none) --first get()--&gt; RUNNING --JVM exit (shutdown hook)--&gt; CLOSED (listener closed, socket dir deleted)
 * </pre>
 * A session ends on EOF from its client; then every acquisition it still holds is released (see
 * {@link HostedResource#ownerGone}). The accept thread runs the authentication handshake itself,
 * so a client that connects and never answers delays later clients (a documented gap).
 */
public final class ResourceHost {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceHost.class);
    private static final int BACKLOG = 128;                 // CPython's manager backlog
    private static volatile ResourceHost instance;

    private final Listener listener;
    private final Path directory;
    private final String address;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong sessionCounter = new AtomicLong();
    private final Map<Long, Exported> byId = new ConcurrentHashMap<>();
    private final Map<Object, Long> idByObject = new IdentityHashMap<>();   // guarded by itself
    private final Map<Long, Connection> relays = new ConcurrentHashMap<>();

    private record Exported(Object object, HostedResource resource) {
    }

    private ResourceHost() throws IOException {
        ResourceTracker.sweepDeadCreators();
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        StringBuilder suffix = new StringBuilder();
        for (byte b : random) {
            suffix.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        directory = Files.createDirectory(ResourceTracker.tempBase().resolve(
                        ResourceTracker.HOST_PREFIX + pid + "-" + suffix),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ResourceTracker.deleteAtExit(directory);
        Path socket = directory.resolve("h.sock");
        listener = new Listener(UnixDomainSocketAddress.of(socket), ProcessAuthKey.current(), BACKLOG);
        address = socket.toString();
        Thread acceptor = new Thread(this::acceptLoop, "pyc-resource-host-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** This JVM's host, started on first call. */
    public static ResourceHost get() {
        ResourceHost h = instance;
        if (h == null) {
            synchronized (ResourceHost.class) {
                h = instance;
                if (h == null) {
                    try {
                        h = new ResourceHost();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot start the resource host", e);
                    }
                    instance = h;
                }
            }
        }
        return h;
    }

    /** This JVM's host if it has been started, else {@code null}. */
    public static ResourceHost runningOrNull() {
        return instance;
    }

    /** The Unix socket path clients connect to. */
    public String address() {
        return address;
    }

    public long pid() {
        return pid;
    }

    /**
     * Registers {@code object} (the public object, returned to local resolvers) with its core
     * {@code resource} (served to remote callers). Idempotent per object.
     */
    public RemoteRef export(Object object, HostedResource resource, String kind) {
        long id;
        synchronized (idByObject) {
            Long known = idByObject.get(object);
            if (known == null) {
                known = nextId.incrementAndGet();
                idByObject.put(object, known);
                byId.put(known, new Exported(object, resource));
            }
            id = known;
        }
        return new RemoteRef(address, pid, id, kind);
    }

    /** The public object exported under {@code id}. */
    public Object localObject(long id) {
        Exported e = byId.get(id);
        if (e == null) {
            throw new IllegalStateException("no object #" + id + " is hosted by process " + pid);
        }
        return e.object();
    }

    /** The core exported under {@code id}, or null. */
    HostedResource resource(long id) {
        Exported e = byId.get(id);
        return e == null ? null : e.resource();
    }

    /** Parks a connection end until a child attaches to it (single use). */
    long registerRelay(Connection end) {
        long id = nextId.incrementAndGet();
        relays.put(id, end);
        return id;
    }

    Connection takeRelay(long id) {
        return relays.remove(id);
    }

    private void acceptLoop() {
        while (true) {
            Connection c;
            try {
                c = listener.accept();
            } catch (AuthenticationException e) {
                LOG.warn("resource host {} refused a client: {}", pid, e.getMessage());
                continue;
            } catch (ConnectionStateException e) {
                return;                                     // listener closed
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
                LOG.warn("resource host {} failed to accept a client", pid, e);
                continue;
            }
            Thread t = new Thread(new HostSession(this, c),
                    "pyc-host-session-" + sessionCounter.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public String toString() {
        return "ResourceHost[pid=" + pid + ", " + address + ", " + byId.size() + " objects]";
    }
}

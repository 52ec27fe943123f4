package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.ipc.connection.Connection;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections this process's proxies use to talk to one manager: one per client thread.
 *
 * <p>CPython counterpart: {@code BaseProxy._address_to_local}, a {@code threading.local} per manager address
 * holding the calling thread's connection. Per-thread connections are what make a manager lock's ownership per
 * client thread: the server serves each connection on its own thread.
 *
 * <h2>A thread's connection: states and transitions</h2>
 * <pre>
 *   NONE --first call from the thread (connect + accept_connection)--&gt; OPEN
 *   OPEN --I/O error during a call--&gt; NONE (closed; the next call reconnects, or fails if the manager is gone)
 *   OPEN --the thread has died (seen when another thread connects)--&gt; closed and forgotten
 *   OPEN --closeAll(address) (the manager was shut down)--&gt; closed; the owner's next call reconnects or fails
 * </pre>
 * Java differs: CPython closes a dead thread's connection with a finalizer on the thread-local; Java cannot hook
 * thread death, so dead threads' connections are swept whenever a thread opens a new one.
 */
final class ProxyConnections {
    private static final ConcurrentHashMap<String, ProxyConnections> BY_ADDRESS = new ConcurrentHashMap<>();

    private final ThreadLocal<Connection> tls = new ThreadLocal<>();
    /** Every open connection with its thread; guarded by {@code this}. */
    private final List<Owned> all = new ArrayList<>();

    static ProxyConnections of(String address) {
        return BY_ADDRESS.computeIfAbsent(address, a -> new ProxyConnections());
    }

    /** The calling thread's open connection, or {@code null}. */
    Connection current() {
        Connection c = tls.get();
        if (c != null && c.isClosed()) {
            tls.remove();
            return null;
        }
        return c;
    }

    /** Makes {@code c} the calling thread's connection, and closes the connections of threads that have died. */
    void adopt(Connection c) {
        tls.set(c);
        synchronized (this) {
            for (Iterator<Owned> it = all.iterator(); it.hasNext(); ) {
                Owned o = it.next();
                Thread t = o.thread.get();
                if (t == null || !t.isAlive() || o.connection.isClosed()) {
                    closeQuietly(o.connection);
                    it.remove();
                }
            }
            all.add(new Owned(new WeakReference<>(Thread.currentThread()), c));
        }
    }

    /** Forgets and closes the calling thread's connection (after an I/O error). */
    void drop(Connection c) {
        tls.remove();
        closeQuietly(c);
        synchronized (this) {
            all.removeIf(o -> o.connection == c);
        }
    }

    /** Closes every thread's connection to {@code address}: the manager there is gone. */
    static void closeAll(String address) {
        ProxyConnections pc = BY_ADDRESS.remove(address);
        if (pc != null) {
            synchronized (pc) {
                for (Owned o : pc.all) {
                    closeQuietly(o.connection);
                }
                pc.all.clear();
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already broken
        }
    }

    private record Owned(WeakReference<Thread> thread, Connection connection) {
    }
}

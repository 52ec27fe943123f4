package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.futures.WaitInterruptedException;
import dev.pyconcurrent.ipc.connection.AuthenticationException;
import dev.pyconcurrent.ipc.connection.Client;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.host.ProcessAuthKey;
import dev.pyconcurrent.ipc.serialization.Serializers;
import dev.pyconcurrent.process.Process;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.Cleaner;
import java.nio.channels.ClosedByInterruptException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.List;

/**
 * A handle on an object held by a manager's server: every method call travels to the server, runs there on the
 * real object, and its result (a copy) comes back.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: BaseProxy} ({@code _callmethod},
 * {@code _getvalue}, {@code _incref}/{@code _decref}, {@code __reduce__} + {@code RebuildProxy}, {@code __repr__},
 * {@code __str__}). As there: each client thread talks over its own connection ({@link ProxyConnections}); a
 * proxy is serializable and the copy made in another process connects there with that process's authkey and takes
 * its own reference ({@code incref}); a copy deserialized inside the server itself is "manager owned" and takes
 * none; a remote exception is re-thrown as itself, a server-side failure as {@link RemoteErrorException}.
 *
 * <p>Java differs:
 * <ul>
 *   <li>No dynamic method dispatch: proxies are typed classes ({@link ListProxy}, {@link EventProxy}, ...) whose
 *       methods call {@link #callMethod} by name; a custom type is called by name through {@link AutoProxy}.</li>
 *   <li>The reference is given back by {@link #close()} (use try-with-resources), or by a {@link Cleaner} when
 *       the proxy is collected, or at JVM exit, instead of CPython's reference counting. A closed proxy refuses
 *       calls.</li>
 *   <li>{@code toString()} is CPython's {@code repr}: {@code <EventProxy object, typeid 'Event' at 0x1b6d3586>};
 *       {@link #str()} is CPython's {@code str} (the referent's repr, fetched from the server). The container
 *       proxies print their contents, as Java collections do.</li>
 *   <li>A serialized proxy carries its manager's authkey only when that key differs from this process's key
 *       (CPython adds it only while spawning a child, which Java cannot detect); treat such bytes as secret.</li>
 *   <li>A manager that is gone makes calls fail at once with {@link ManagerConnectionException}.</li>
 * </ul>
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   OPEN (holds one reference on the server, unless manager owned)
 *     --close() / collected / JVM exit--&gt; CLOSED (reference released once; further calls: IllegalStateException)
 * </pre>
 */
public abstract class BaseProxy implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Token token;
    private final transient String serializer;
    private final transient BaseManager manager;
    private final transient byte[] authkey;
    private final transient List<String> exposed;
    private final transient boolean managerOwned;
    private final transient Cleaner.Cleanable release;
    private transient volatile boolean closed;

    /**
     * Builds a proxy; with {@code spec.incref} it first takes a reference on the server (CPython's
     * {@code _incref}), which fails with {@link ManagerConnectionException} if the manager is gone.
     */
    protected BaseProxy(ProxySpec spec) {
        this.token = spec.token;
        this.serializer = spec.serializer;
        this.manager = spec.manager;
        this.authkey = spec.authkey;
        this.exposed = spec.exposed;
        this.managerOwned = spec.managerOwned;
        if (spec.incref) {
            try {
                Dispatch.callServer(token.address(), authkey, serializer, "incref", token.id());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("incref of " + token + " failed: " + e, e);
            }
        }
        ManagerState state = manager == null ? null : manager.state();
        this.release = managerOwned ? null : ProxyReleaser.register(this, token, authkey, serializer, state);
    }

    /** The shared object's token (CPython's {@code _token}). */
    public final Token token() {
        return token;
    }

    /** The registered type id, e.g. {@code "list"}. */
    public final String typeid() {
        return token.typeid();
    }

    /** The methods this proxy may call, as the server reported them ({@code null} if unknown). */
    public final List<String> exposed() {
        return exposed;
    }

    /** Whether this proxy was deserialized inside its own manager's server (CPython's {@code _owned_by_manager}). */
    public final boolean isManagerOwned() {
        return managerOwned;
    }

    /**
     * Calls {@code methodName(args)} on the shared object and returns (a copy of) the result; CPython's
     * {@code _callmethod}. An exception the method threw is re-thrown as itself, with the server-side stack trace
     * and, as a suppressed exception, this call site; a failure of the server to make the call (unknown object,
     * method not exposed) is a {@link RemoteErrorException}.
     *
     * @throws ManagerConnectionException if the manager is unreachable or the connection breaks
     * @throws WaitInterruptedException if the calling thread is interrupted while it sends the call or waits for the
     *         reply (its interrupt flag is set again); a call already sent may still complete in the manager, as
     *         in CPython
     * @throws IllegalStateException if this proxy is closed
     */
    public final Object callMethod(String methodName, Object... args) throws Exception {
        if (closed) {
            throw new IllegalStateException(repr() + " is closed");
        }
        ProxyConnections connections = ProxyConnections.of(token.address());
        Connection conn = connections.current();
        if (conn == null) {
            conn = connect(connections);
        }
        Reply reply;
        boolean sent = false;
        try {
            conn.send(new Request(token.id(), methodName, args == null ? new Object[0] : args));
            sent = true;
            reply = (Reply) conn.recv();
        } catch (InterruptedIOException e) {
            throw interrupted(connections, conn, methodName, sent, e);
        } catch (IOException e) {
            connections.drop(conn);
            throw new ManagerConnectionException("lost the connection to the manager at " + token.address()
                    + " while calling " + typeid() + "." + methodName + "() (has it been shut down?): " + e, e);
        }
        switch (reply.kind()) {
            case Reply.RETURN:
                return reply.result();
            case Reply.PROXY:
                return adoptProxy((Reply.ProxyResult) reply.result());
            default:
                Exception e = Dispatch.convertToError(reply);
                e.addSuppressed(new Exception("raised by the manager for " + typeid() + "." + methodName
                        + "() called here"));
                throw e;
        }
    }

    /**
     * The calling thread was interrupted during {@link #callMethod}. Its connection is closed, because a reply that
     * arrives later would otherwise be read as the answer to its next call; its next call opens a new one. Once the
     * request was sent, the server thread serving it goes on with the call (as in CPython, where a
     * {@code KeyboardInterrupt} in {@code _callmethod} leaves the server's thread in the call): a {@code get} that
     * later takes an item finds the connection closed and the item is lost.
     */
    private WaitInterruptedException interrupted(ProxyConnections connections, Connection conn, String methodName,
                                                 boolean sent, InterruptedIOException e) {
        connections.drop(conn);
        String call = typeid() + "." + methodName + "()";
        return waitInterrupted(sent
                ? "the manager's reply to " + call + "; the call may still complete in the manager, and this thread's"
                        + " connection to it was closed"
                : "the connection to the manager to send " + call + "; the call was not sent", e);
    }

    /** Sets the interrupt flag again and reports what was being waited for, the socket's exception as the cause. */
    private static WaitInterruptedException waitInterrupted(String what, IOException e) {
        Thread.currentThread().interrupt();
        InterruptedException cause = new InterruptedException(String.valueOf(e));
        cause.initCause(e);
        return new WaitInterruptedException(what, cause);
    }

    /**
     * {@link #callMethod} for methods that throw no checked exception: runtime exceptions and errors pass as they
     * are; a checked one (not expected from the referent) is wrapped in {@link UndeclaredThrowableException}.
     */
    protected final Object call(String methodName, Object... args) {
        try {
            return callMethod(methodName, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UndeclaredThrowableException(e, typeid() + "." + methodName + "() threw " + e);
        }
    }

    /** A copy of the shared object itself (CPython's {@code _getvalue()}); it must be serializable. */
    public Object getValue() {
        return call("#GETVALUE");
    }

    /** CPython's {@code repr(proxy)}: {@code <ListProxy object, typeid 'list' at 0x...>}. */
    public final String repr() {
        return "<" + getClass().getSimpleName() + " object, typeid '" + token.typeid() + "' at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    /**
     * CPython's {@code str(proxy)}: the referent's repr as the server prints it, or, if that fails (e.g. the
     * manager is gone), {@code <... ; '__str__()' failed>}.
     */
    public final String str() {
        try {
            return String.valueOf(callMethod("__repr__"));
        } catch (Exception e) {
            String r = repr();
            return r.substring(0, r.length() - 1) + "; '__str__()' failed>";
        }
    }

    @Override
    public String toString() {
        return repr();
    }

    /** Gives this proxy's reference back to the server (once; later calls do nothing). */
    @Override
    public void close() {
        closed = true;
        if (release != null) {
            release.clean();
        }
    }

    private Connection connect(ProxyConnections connections) {
        Connection c;
        try {
            c = Client.connect(Addressing.parse(token.address()), authkey, Serializers.get(serializer));
        } catch (AuthenticationException e) {
            throw new ManagerConnectionException("the manager at " + token.address() + " refused this proxy's "
                    + "authkey: " + e.getMessage(), e);
        } catch (InterruptedIOException | ClosedByInterruptException e) {
            throw interruptedWhileConnecting(e);
        } catch (IOException e) {
            throw Dispatch.unreachable(token.address(), typeid() + " proxy", e);
        }
        try {
            Dispatch.dispatch(c, null, "accept_connection", connectionName());
        } catch (Exception e) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already broken
            }
            if (e instanceof InterruptedIOException || e instanceof ClosedByInterruptException) {
                throw interruptedWhileConnecting((IOException) e);
            }
            if (e instanceof IOException io) {
                throw Dispatch.unreachable(token.address(), typeid() + " proxy", io);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        connections.adopt(c);
        return c;
    }

    /** The thread was interrupted while opening its connection: no call was sent. */
    private WaitInterruptedException interruptedWhileConnecting(IOException e) {
        return waitInterrupted("a connection to the manager at " + token.address() + " for a " + typeid()
                + " proxy; no call was sent", e);
    }

    private static String connectionName() {
        String name = Process.currentProcess().name();
        Thread t = Thread.currentThread();
        return "main".equals(t.getName()) ? name : name + "|" + t.getName();
    }

    /** A {@code #PROXY} reply: the server made a new shared object and counted one reference for us. */
    private BaseProxy adoptProxy(Reply.ProxyResult result) {
        Token t = result.token();
        ProxyType type = AutoProxy::new;
        if (manager != null && manager.registration(t.typeid()) != null) {
            type = manager.registration(t.typeid()).proxyType();
        } else if ("Iterator".equals(t.typeid())) {
            type = IteratorProxy::new;
        }
        return type.make(new ProxySpec(t, serializer, manager, authkey, Arrays.asList(result.exposed()),
                false, false));
    }

    /** CPython's {@code __reduce__}: what travels is a {@link ProxyRef}, rebuilt on arrival. */
    @Serial
    protected final Object writeReplace() {
        byte[] key = Arrays.equals(authkey, ProcessAuthKey.get()) ? null : authkey.clone();
        return new ProxyRef(getClass(), token, serializer, exposed == null ? null : exposed.toArray(new String[0]),
                key);
    }

    String serializerName() {
        return serializer;
    }
}

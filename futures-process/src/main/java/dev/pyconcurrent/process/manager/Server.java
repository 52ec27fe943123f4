package dev.pyconcurrent.process.manager;

import dev.pyconcurrent.ipc.connection.Authentication;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.ConnectionStateException;
import dev.pyconcurrent.ipc.connection.Listener;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.process.manager.referents.ValueCopy;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * The manager's server: holds the shared objects (referents) and runs the calls proxies send.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: Server}, with its names: {@link #PUBLIC},
 * {@code id_to_obj}, {@code id_to_refcount}, {@code id_to_local_proxy_obj}, {@code mutex}, {@code stop_event},
 * {@code serve_forever}, {@code accepter}, {@code handle_request}, {@code serve_client}, the fallbacks for
 * {@code __str__}/{@code __repr__}/{@code #GETVALUE}, and the public methods {@code create}, {@code incref},
 * {@code decref}, {@code accept_connection}, {@code get_methods}, {@code number_of_objects}, {@code debug_info},
 * {@code dummy}, {@code shutdown}.
 *
 * <h2>Connections</h2>
 * An accepter thread takes connections; each gets its own daemon thread, which first authenticates it (mutual HMAC
 * with the manager's authkey, done here and not in the accepter, as in CPython, so one slow client cannot stall the
 * others) and then reads ONE request for a {@link #PUBLIC} method. {@code accept_connection} turns the connection
 * into a proxy connection: from then on every message is a call on a shared object ({@code serve_client}) until the
 * client closes it. A client thread keeps one such connection, so this thread stands for that client thread
 * (which is what makes a manager {@code RLock}'s ownership per client thread).
 *
 * <h2>Server states and transitions</h2>
 * <pre>
 *   CREATED (listening) --serveForever()--&gt; SERVING --shutdown request / stop()--&gt; STOPPED
 *   STOPPED: the listener is closed (its socket file removed) and every open connection is closed, so
 *   serving threads blocked in a read end at once.
 * </pre>
 *
 * <p>The shared objects and their reference counts are kept by {@link ServerObjects}.
 *
 * <p>Java differs: object ids are a counter in hex (CPython uses {@code id(obj)}), but the same object registered
 * twice keeps its id, as in CPython; the methods a proxy calls are Java methods found by name ({@link Exposure}).
 */
public final class Server {
    /** The methods a fresh connection may call (CPython's {@code Server.public}). */
    public static final List<String> PUBLIC = List.of("shutdown", "create", "accept_connection", "get_methods",
            "debug_info", "number_of_objects", "dummy", "incref", "decref");
    /** Listener backlog, as CPython's {@code Server} uses. */
    static final int BACKLOG = 128;
    private static final Object NO_REPLY = new Object();
    private static volatile Server current;

    private final Map<String, Registration.ServerPart> registry;
    private final byte[] authkey;
    private final Listener listener;
    private final String address;

    /** {@code id_to_obj}, {@code id_to_refcount}, {@code id_to_local_proxy_obj} and their {@code mutex}. */
    private final ServerObjects objects;

    private final CountDownLatch stopEvent = new CountDownLatch(1);
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * Binds the listener.
     *
     * @param address where to listen; {@code null} for a fresh Unix socket path
     */
    public Server(Map<String, Registration.ServerPart> registry, SocketAddress address, byte[] authkey,
                  Serializer serializer) throws IOException {
        if (authkey == null || authkey.length == 0) {
            throw new IllegalArgumentException("a manager's authkey must be non-empty bytes");
        }
        this.registry = Map.copyOf(registry);
        this.authkey = authkey.clone();
        // Authentication is done per connection on its own thread (handleRequest), so the listener has no key.
        this.listener = new Listener(address, null, BACKLOG).useSerializer(serializer);
        this.address = Addressing.format(listener.address());
        this.objects = new ServerObjects(this.registry, this.address);
    }

    /** CPython's {@code current_process()._manager_server}: the server running in this JVM, if any. */
    static Server current() {
        return current;
    }

    /** The address clients connect to (the real port for TCP port 0). */
    public String address() {
        return address;
    }

    byte[] authkey() {
        return authkey.clone();
    }

    /** Serves until a {@code shutdown} request arrives (or {@link #stop()}), then closes everything. */
    public void serveForever() throws InterruptedException {
        current = this;
        Thread accepter = new Thread(this::accepter, "manager-accepter");
        accepter.setDaemon(true);
        accepter.start();
        try {
            stopEvent.await();
        } finally {
            stop();
        }
    }

    /** Stops serving: closes the listener (removing its socket file) and every connection. Idempotent. */
    public void stop() {
        stopped = true;
        if (current == this) {
            current = null;                                  // proxies deserialized from now on are ordinary
        }
        stopEvent.countDown();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing a listener that failed: nothing left to release
        }
        for (Connection c : open) {
            closeQuietly(c);
        }
    }

    private void accepter() {
        while (!stopped) {
            Connection c;
            try {
                c = listener.accept();
            } catch (ConnectionStateException closed) {
                return;
            } catch (IOException e) {
                continue;                                    // a client that vanished mid-accept
            }
            Thread t = new Thread(() -> handleRequest(c), "manager-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Authenticates a new connection, runs its one public request, and closes it (unless it became a proxy's). */
    private void handleRequest(Connection c) {
        open.add(c);
        try {
            Reply reply;
            Request request = null;
            try {
                Authentication.deliverChallenge(c, authkey);
                Authentication.answerChallenge(c, authkey);
                request = (Request) c.recv();
                if (request.ident() != null || !PUBLIC.contains(request.methodName())) {
                    throw new IllegalArgumentException("'" + request.methodName() + "' unrecognized");
                }
                Object result = callPublic(c, request.methodName(), request.args());
                if (result == NO_REPLY) {
                    return;
                }
                reply = Reply.ofReturn(result);
            } catch (Exception e) {
                if (request == null && (e instanceof IOException)) {
                    return;                                  // failed handshake or a client gone: nothing to answer
                }
                reply = new Reply(Reply.TRACEBACK, traceback(e));
            }
            send(c, reply);
        } finally {
            open.remove(c);
            closeQuietly(c);
        }
    }

    private Object callPublic(Connection c, String name, Object[] args) throws Exception {
        switch (name) {
            case "create":
                return create((String) args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
            case "incref":
                incref((String) args[0]);
                return null;
            case "decref":
                decref((String) args[0]);
                return null;
            case "accept_connection":
                Thread.currentThread().setName("manager-serving|" + args[0]);
                send(c, Reply.ofReturn(null));
                serveClient(c);
                return NO_REPLY;
            case "get_methods":
                return getMethods((Token) args[0]);
            case "number_of_objects":
                return numberOfObjects();
            case "debug_info":
                return debugInfo();
            case "dummy":
                return null;
            case "shutdown":
                send(c, Reply.ofReturn(null));
                stopEvent.countDown();                       // serveForever's thread does the closing
                return NO_REPLY;
            default:
                throw new IllegalArgumentException("'" + name + "' unrecognized");
        }
    }

    /** Serves the calls of one client thread's proxies until that client closes the connection. */
    private void serveClient(Connection conn) {
        while (!stopped) {
            Request request;
            try {
                request = (Request) conn.recv();
            } catch (EOFException | ConnectionStateException e) {
                return;                                      // the client thread ended or closed its connection
            } catch (Exception e) {
                if (conn.isClosed() || stopped) {
                    return;
                }
                if (!send(conn, new Reply(Reply.TRACEBACK, traceback(e)))) {
                    return;
                }
                continue;
            }
            if (!send(conn, serveOne(conn, request))) {
                return;
            }
        }
    }

    /** One call on a shared object: lookup, exposure check, invoke; any failure becomes the reply. */
    private Reply serveOne(Connection conn, Request request) {
        String ident = request.ident();
        String method = request.methodName();
        ServerObjects.Entry entry = ident == null || ident.equals("0") ? null : objects.lookup(ident);
        if (entry == null) {
            return new Reply(Reply.TRACEBACK, "KeyError: no shared object with id '" + ident
                    + "' (already released?), calling " + method + "()\n");
        }
        if (!entry.exposed().contains(method)) {
            return fallback(entry, method, request);
        }
        Object result;
        try {
            result = Exposure.invoke(entry.obj(), method, request.args());
        } catch (InvocationTargetException e) {
            return new Reply(Reply.ERROR, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Reply(Reply.TRACEBACK, traceback(e));
        }
        String typeid = entry.methodToTypeid() == null ? null : entry.methodToTypeid().get(method);
        if (typeid != null) {
            try {
                Object[] created = create(typeid, new Object[] {result});
                String[] exposed = (String[]) created[1];
                return new Reply(Reply.PROXY, new Reply.ProxyResult(exposed,
                        new Token(typeid, address, (String) created[0])));
            } catch (Exception e) {
                return new Reply(Reply.TRACEBACK, traceback(e));
            }
        }
        return Reply.ofReturn(result);
    }

    /** CPython's {@code fallback_mapping}: {@code __str__}, {@code __repr__} and {@code #GETVALUE}. */
    private Reply fallback(ServerObjects.Entry entry, String method, Request request) {
        switch (method) {
            case "__str__", "__repr__":
                return Reply.ofReturn(String.valueOf(entry.obj()));
            case "#GETVALUE":
                return Reply.ofReturn(entry.obj() instanceof ValueCopy v ? v.copyValue() : entry.obj());
            default:
                return new Reply(Reply.TRACEBACK, "AttributeError: method '" + method + "' of '"
                        + entry.obj().getClass().getName() + "' object is not in exposed=" + entry.exposed() + "\n");
        }
    }

    /** Sends a reply; an unserializable result becomes {@code #UNSERIALIZABLE}. False if the client is gone. */
    private boolean send(Connection c, Reply reply) {
        try {
            try {
                c.send(reply);
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException e) {                   // serialization failed: nothing was written
                c.send(new Reply(Reply.UNSERIALIZABLE, reply.kind() + " " + describe(reply.result()) + ": " + e
                        + "\n"));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            closeQuietly(c);
            return false;
        }
    }

    // ---------------------------------------------------------------- public methods (the object table)

    Object[] create(String typeid, Object[] args) throws Exception {
        return objects.create(typeid, args);
    }

    void incref(String ident) {
        objects.incref(ident);
    }

    void decref(String ident) {
        objects.decref(ident);
    }

    void rememberLocalProxy(String ident) {
        objects.rememberLocalProxy(ident);
    }

    String[] getMethods(Token token) {
        return objects.getMethods(token);
    }

    int numberOfObjects() {
        return objects.numberOfObjects();
    }

    String debugInfo() {
        return objects.debugInfo();
    }

    // ---------------------------------------------------------------- helpers

    static String traceback(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static String describe(Object o) {
        return o == null ? "null" : "object of " + o.getClass().getName();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already broken
        }
    }
}

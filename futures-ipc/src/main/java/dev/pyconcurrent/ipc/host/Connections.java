package dev.pyconcurrent.ipc.host;

import dev.pyconcurrent.ipc.connection.Client;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.util.Objects;

/**
 * Makes a {@link Connection} end passable to a child process as an argument, as
 * {@code Process(target=f, args=(child_conn,))} does in CPython.
 *
 * <p>CPython passes the socket's file descriptor to the child (inherited across fork, or sent with
 * {@code SCM_RIGHTS} by {@code Lib/multiprocessing/reduction.py: DupFd} under spawn). The JDK can do
 * neither, so the end stays in this JVM and is <em>relayed</em>: when the wrapper returned by
 * {@link #shareable(Connection)} is serialized, this JVM's {@link ResourceHost} parks the end under
 * a one-time id; the child's deserialized object is a real {@code Connection} to the host, which
 * then copies frames both ways between it and the parked end ({@link ConnectionRelay}). The peer of
 * the original end notices nothing: every message arrives whole and in order, EOF propagates both
 * ways. Costs: one extra hop through the host (about double the latency of a direct pipe).
 *
 * <p>Rules, as in CPython: after sharing, this process must not use the shared end itself (CPython
 * closes it in the parent after {@code start()}); the end is attached to the first child that
 * deserializes it; deserializing in this same JVM gives the original end back.
 *
 * <p>Why a wrapper instead of making {@code Connection} itself serializable: the connection package
 * belongs to its own layer; a {@code writeReplace} there that calls into this package would create a
 * dependency cycle. The connection package could later add
 * {@code Connection.writeReplace() → Connections.shareable(this)} through a service hook.
 */
public final class Connections {
    private Connections() {
    }

    /** A serializable stand-in for {@code end} that becomes a working {@code Connection} in the receiving process. */
    public static SharedConnection shareable(Connection end) {
        return new SharedConnection(Objects.requireNonNull(end, "end"));
    }

    /**
     * The serializable stand-in. {@link #connection()} gives the end back in this process.
     */
    public static final class SharedConnection implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient Connection end;
        private transient Handle handle;

        private SharedConnection(Connection end) {
            this.end = end;
        }

        /** The wrapped end (in the process that wrapped it). */
        public Connection connection() {
            return end;
        }

        @Serial
        private synchronized Object writeReplace() {
            if (handle == null) {
                ResourceHost host = ResourceHost.get();
                handle = new Handle(host.address(), host.pid(), host.registerRelay(end), end.serializer().name());
            }
            return handle;
        }
    }

    /** The wire form: where to attach and which serializer the end used. */
    record Handle(String address, long hostPid, long relayId, String serializer) implements Serializable {
        @Serial
        private Object readResolve() throws ObjectStreamException {
            ResourceHost local = ResourceHost.runningOrNull();
            if (local != null && local.pid() == hostPid && local.address().equals(address)) {
                Connection own = local.takeRelay(relayId);
                if (own == null) {
                    throw new InvalidObjectException("the shared connection #" + relayId + " is already attached");
                }
                return own;
            }
            try {
                Connection c = Client.connect(UnixDomainSocketAddress.of(address), ProcessAuthKey.current(),
                        Serializers.find(serializer).orElse(Serializers.trustedPeerSerializer()));
                byte[] hello = new FrameBuffer(24).begin(HostProtocol.KIND_RELAY)
                        .putLong(ProcessHandle.current().pid()).putLong(relayId).array();
                c.sendBytes(hello, 0, 17);
                return c;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot attach to the connection shared by process " + hostPid, e);
            }
        }
    }
}

package dev.pyconcurrent.ipc.host;

import dev.pyconcurrent.ipc.connection.BufferTooShortException;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one accepted connection of the {@link ResourceHost} on its own thread. The hello frame
 * says which kind it is (see {@link HostProtocol}):
 * <ul>
 *   <li>CALLS: read a request, let the object serve it (possibly blocking on the client's behalf,
 *       with the client's timeout), reply, repeat. The session is the remote thread's
 *       {@link Caller}: its identity is the lock-owner token of that (pid, thread).</li>
 *   <li>STREAM: apply one-way item frames in arrival order; answer SYNC once every earlier frame is
 *       applied.</li>
 *   <li>RELAY: hand over to {@link ConnectionRelay}.</li>
 * </ul>
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   HELLO --hello read--&gt; SERVING --EOF / I/O error / bad hello--&gt; ENDED
 *   ENDED: the connection is closed and ownerGone(this) runs on every object this session called,
 *          which releases its locks and semaphore units and drops its condition waits.
 * </pre>
 * CPython counterpart: {@code Lib/multiprocessing/managers.py: Server.serve_client}. CPython's
 * server does not release what a dead client held; this one does.
 */
final class HostSession implements Runnable, Caller, HostCall {
    private static final Logger LOG = LoggerFactory.getLogger(HostSession.class);

    private final ResourceHost host;
    private final Connection conn;
    private final FrameBuffer out = new FrameBuffer(256);
    /** Objects this session called; told when it ends. Only touched by the session thread. */
    private final Set<HostedResource> touched = new LinkedHashSet<>();
    private byte[] scratch = new byte[512];
    private long clientPid;
    private String clientThread = "?";

    HostSession(ResourceHost host, Connection conn) {
        this.host = host;
        this.conn = conn;
    }

    @Override
    public void run() {
        try {
            ByteBuffer hello = ByteBuffer.wrap(conn.recvBytes(4096));
            byte kind = hello.get();
            clientPid = hello.getLong();
            switch (kind) {
                case HostProtocol.KIND_CALLS -> {
                    hello.getLong();                        // thread id: kept in the name below
                    clientThread = StandardCharsets.UTF_8.decode(hello).toString();
                    serveCalls();
                }
                case HostProtocol.KIND_STREAM -> serveStream();
                case HostProtocol.KIND_RELAY -> {
                    Connection end = host.takeRelay(hello.getLong());
                    if (end == null) {
                        LOG.warn("process {} asked for an unknown or already attached connection relay", clientPid);
                        return;
                    }
                    ConnectionRelay.splice(conn, end);      // owns both ends from here on
                    return;
                }
                default -> LOG.warn("process {} sent an unknown connection kind {}", clientPid, kind);
            }
        } catch (EOFException | PeerGoneException e) {
            // the client went away: normal end of a session
        } catch (IOException | RuntimeException e) {
            LOG.debug("session with process {} ended: {}", clientPid, e.toString());
        } finally {
            end();
        }
    }

    private void serveCalls() throws IOException {
        while (true) {
            ByteBuffer request = receive();
            byte op = request.get();
            if (op == HostProtocol.OP_CANCEL) {
                continue;                                   // late cancel of a request already answered
            }
            long id = request.getLong();
            HostedResource r = host.resource(id);
            try {
                if (r == null) {
                    throw new IllegalStateException("no object #" + id + " is hosted by process " + host.pid());
                }
                touched.add(r);
                r.serve(op, request, this);
            } catch (InterruptedException e) {
                reply(HostProtocol.STATUS_CANCELLED);
                send();
            } catch (PeerGoneException e) {
                throw e;
            } catch (RuntimeException | Error e) {
                replyError(e);
            }
        }
    }

    private void serveStream() throws IOException {
        while (true) {
            ByteBuffer frame = receive();
            byte op = frame.get();
            if (op == HostProtocol.OP_SYNC) {
                ok();
                continue;
            }
            long id = frame.getLong();
            HostedResource r = host.resource(id);
            if (r == null) {
                LOG.warn("process {} streamed to unknown object #{}; frame dropped", clientPid, id);
                continue;
            }
            r.serveStream(op, frame);
        }
    }

    /** Receives one frame into the reused scratch array (a bigger one replaces it). */
    private ByteBuffer receive() throws IOException {
        int n;
        try {
            n = conn.recvBytesInto(scratch);
        } catch (BufferTooShortException e) {
            byte[] whole = e.messageBytes();
            if (whole.length <= 1 << 20) {
                scratch = new byte[Math.max(whole.length, scratch.length * 2)];
            }
            return ByteBuffer.wrap(whole);
        }
        return ByteBuffer.wrap(scratch, 0, n);
    }

    private void replyError(Throwable e) throws IOException {
        byte[] bytes;
        try {
            bytes = Serializers.defaultSerializer().serialize(e);
        } catch (RuntimeException unserializable) {
            bytes = Serializers.defaultSerializer().serialize(new IllegalStateException(String.valueOf(e)));
        }
        reply(HostProtocol.STATUS_ERROR).putBytes(bytes, 0, bytes.length);
        send();
    }

    private void end() {
        try {
            conn.close();
        } catch (IOException ignored) {
            // closing a dead socket
        }
        for (HostedResource r : touched) {
            try {
                r.ownerGone(this);
            } catch (RuntimeException e) {
                LOG.warn("releasing what process {} held in {} failed", clientPid, r.describe(), e);
            }
        }
    }

    // ---------------------------------------------------------------- Caller

    @Override
    public Object owner() {
        return this;
    }

    @Override
    public String describe() {
        return "process " + clientPid + " thread " + clientThread;
    }

    @Override
    public long peerCheckNanos() {
        return HostProtocol.PEER_CHECK_NANOS;
    }

    /**
     * While a request waits, the client sends nothing except CANCEL; so readable means CANCEL (→
     * {@link InterruptedException}, the request is answered CANCELLED) or EOF (→ the client is gone).
     */
    @Override
    public void checkStillWanted() throws InterruptedException {
        try {
            if (!conn.poll()) {
                return;
            }
            ByteBuffer frame = receive();
            if (frame.get() == HostProtocol.OP_CANCEL) {
                throw new InterruptedException("cancelled by " + describe());
            }
            throw new PeerGoneException(describe() + " broke the protocol (sent a request while one was waiting)");
        } catch (IOException e) {
            throw new PeerGoneException(describe() + " is gone: " + e);
        }
    }

    // ---------------------------------------------------------------- HostCall

    @Override
    public Caller caller() {
        return this;
    }

    @Override
    public FrameBuffer reply(byte status) {
        return out.begin(status);
    }

    @Override
    public void send() throws IOException {
        conn.sendBytes(out.array(), 0, out.length());
    }

    @Override
    public String toString() {
        return "HostSession[" + describe() + "]";
    }
}

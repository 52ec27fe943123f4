package dev.pyconcurrent.ipc.host;

import dev.pyconcurrent.ipc.connection.Client;
import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One thread's CALLS connection to one host: request → reply, one request at a time.
 *
 * <p>Why one connection per (thread, host): a blocking call (a {@code get} or {@code acquire} with
 * a timeout) holds its connection until the host answers, so sharing a connection between threads
 * would need multiplexing; and the connection doubles as the lock-owner identity (pid + thread),
 * which is what {@code RLock} ownership needs. CPython's manager proxies make the same choice
 * ({@code BaseProxy._tls.connection} in {@code Lib/multiprocessing/managers.py}).
 *
 * <p>Interrupts: the thread waits for the reply in {@code recvBytes}; if interrupted it sends
 * {@link HostProtocol#OP_CANCEL} and keeps waiting for the (now prompt) reply. A CANCELLED reply
 * becomes {@link InterruptedException}; a real reply that won the race is returned with the
 * interrupt status set again, so a got item or an acquired lock is never dropped.
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   OPEN --call() (any number)--&gt; OPEN
 *   OPEN --EOF or I/O error (host died)--&gt; BROKEN: the call throws HostDiedException; the channel
 *        is dropped and the next call reconnects (and fails the same way if the host is gone)
 *   OPEN --owner thread died (reaper) or close()--&gt; CLOSED: the host releases what this thread held
 * </pre>
 * Not thread-safe: only its owner thread uses it (see {@link HostChannels}).
 */
public final class HostChannel implements AutoCloseable {
    private static final byte[] CANCEL = {HostProtocol.OP_CANCEL};

    private final RemoteRef host;
    private final Connection conn;
    private final FrameBuffer request = new FrameBuffer(256);
    final Thread owner = Thread.currentThread();
    private volatile boolean closed;

    HostChannel(RemoteRef host) {
        this.host = host;
        try {
            conn = Client.connect(UnixDomainSocketAddress.of(host.address()), ProcessAuthKey.current());
        } catch (IOException e) {
            throw died("cannot connect to it", e);
        }
        Thread t = Thread.currentThread();
        FrameBuffer hello = new FrameBuffer(64).begin(HostProtocol.KIND_CALLS)
                .putLong(ProcessHandle.current().pid()).putLong(t.getId());
        byte[] name = t.getName().getBytes(StandardCharsets.UTF_8);
        hello.putBytes(name, 0, Math.min(name.length, 1000));
        try {
            conn.sendBytes(hello.array(), 0, hello.length());
        } catch (IOException e) {
            closeQuietly();
            throw died("cannot greet it", e);
        }
    }

    /** Starts a request for object {@code objectId}; append arguments, then {@link #call}. */
    public FrameBuffer begin(byte op, long objectId) {
        return request.begin(op).putLong(objectId);
    }

    /**
     * Sends the request started with {@link #begin} and waits for the reply.
     *
     * @return the reply, positioned after the status byte (read the status with {@code get(0)})
     * @throws InterruptedException if the thread was interrupted and the host abandoned the request
     * @throws HostDiedException if the host is gone
     * @throws RuntimeException the host-side exception, when the object refused the request
     */
    public ByteBuffer call(String what) throws InterruptedException {
        try {
            conn.sendBytes(request.array(), 0, request.length());
        } catch (InterruptedIOException e) {
            throw new InterruptedException("interrupted before " + what + " was sent");
        } catch (IOException e) {
            throw broken(what, e);
        }
        byte[] reply = receiveReply(what);
        ByteBuffer r = ByteBuffer.wrap(reply);
        byte status = r.get();
        if (status == HostProtocol.STATUS_ERROR) {
            throw rethrow(reply, what);
        }
        if (status == HostProtocol.STATUS_CANCELLED) {
            throw new InterruptedException(what + " was interrupted");
        }
        return r;
    }

    /** {@link #call} for a request the host never blocks on: an interrupt only stays pending. */
    public ByteBuffer callQuick(String what) {
        try {
            return call(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was cancelled", e);
        }
    }

    private byte[] receiveReply(String what) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return conn.recvBytes();
                } catch (InterruptedIOException e) {
                    Thread.interrupted();
                    if (!interrupted) {
                        interrupted = true;
                        try {
                            conn.sendBytes(CANCEL);
                        } catch (IOException sendFailed) {
                            throw broken(what, sendFailed);
                        }
                    }
                } catch (IOException e) {
                    throw broken(what, e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();    // a CANCELLED reply clears it again in call()
            }
        }
    }

    private RuntimeException rethrow(byte[] reply, String what) {
        Object decoded;
        try {
            decoded = Serializers.defaultSerializer().deserialize(reply, 1, reply.length - 1);
        } catch (RuntimeException e) {
            return new IllegalStateException(what + " failed in host process " + host.hostPid()
                    + " and the error could not be decoded", e);
        }
        if (decoded instanceof RuntimeException re) {
            re.addSuppressed(new RemoteCallSite(what + " on " + host));
            return re;
        }
        if (decoded instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(what + " failed in host process " + host.hostPid(), (Throwable) decoded);
    }

    private HostDiedException broken(String what, IOException cause) {
        closeQuietly();
        HostChannels.forget(this);
        return died(what + " failed", cause);
    }

    private HostDiedException died(String detail, Throwable cause) {
        return new HostDiedException(host.hostPid(), "resource host process " + host.hostPid() + " ("
                + host.address() + ") is gone: " + detail + " for " + host, cause);
    }

    RemoteRef host() {
        return host;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        closed = true;
        try {
            conn.close();
        } catch (IOException ignored) {
            // already broken
        }
    }

    /** Marks where, in this process, a host-side exception surfaced. */
    static final class RemoteCallSite extends Exception {
        private static final long serialVersionUID = 1L;

        RemoteCallSite(String message) {
            super("re-thrown here from the host: " + message);
        }
    }
}

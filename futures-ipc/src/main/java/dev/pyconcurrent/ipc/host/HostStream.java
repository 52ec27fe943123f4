package dev.pyconcurrent.ipc.host;

import dev.pyconcurrent.ipc.connection.Client;
import dev.pyconcurrent.ipc.connection.Connection;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This process's one-way STREAM connection to a host: queue items travel on it without a round
 * trip each. All producers of this process share it; {@code Connection.sendBytes} writes each frame
 * whole under its own lock, so frames never interleave and a frame sent before another is applied
 * before it (FIFO per producer).
 *
 * <p>{@link #sync()} sends SYNC and waits for the host's answer, which comes only after every
 * earlier frame was applied; a producer uses it before asking the host about sizes, so its own
 * puts are counted.
 *
 * <p>CPython counterpart: the write end of a {@code multiprocessing.Queue}'s pipe, shared by the
 * process's feeder threads under {@code _wlock}.
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   OPEN --send/sync--&gt; OPEN;  OPEN --I/O error (host gone)--&gt; BROKEN (dropped; the next user reconnects)
 * </pre>
 */
public final class HostStream {
    private static final Map<String, HostStream> BY_ADDRESS = new ConcurrentHashMap<>();
    private static final byte[] SYNC = {HostProtocol.OP_SYNC};

    private final RemoteRef host;
    private final Connection conn;
    private final ReentrantLock syncLock = new ReentrantLock();
    private volatile boolean broken;

    private HostStream(RemoteRef host) {
        this.host = host;
        try {
            conn = Client.connect(UnixDomainSocketAddress.of(host.address()), ProcessAuthKey.current());
            byte[] hello = new FrameBuffer(16).begin(HostProtocol.KIND_STREAM)
                    .putLong(ProcessHandle.current().pid()).array();
            conn.sendBytes(hello, 0, 9);
        } catch (IOException e) {
            throw new HostDiedException(host.hostPid(), "resource host process " + host.hostPid()
                    + " is gone: cannot open a stream to " + host, e);
        }
    }

    /** This process's stream to {@code ref}'s host. */
    public static HostStream to(RemoteRef ref) {
        HostStream s = BY_ADDRESS.get(ref.address());
        if (s == null || s.broken) {
            s = BY_ADDRESS.compute(ref.address(), (k, old) -> old == null || old.broken ? new HostStream(ref) : old);
        }
        return s;
    }

    /** Sends one frame (built by the caller, op code first). */
    public void send(byte[] frame, int offset, int length) {
        try {
            conn.sendBytes(frame, offset, length);
        } catch (IOException e) {
            throw broken("sending to " + host, e);
        }
    }

    /** Returns once the host has applied every frame this process sent before the call. */
    public void sync() {
        syncLock.lock();
        boolean interrupted = Thread.interrupted();         // the answer is prompt: wait for it regardless
        try {
            conn.sendBytes(SYNC);
            while (true) {
                try {
                    conn.recvBytes();
                    return;
                } catch (java.io.InterruptedIOException e) {
                    Thread.interrupted();
                    interrupted = true;
                }
            }
        } catch (IOException e) {
            throw broken("syncing with " + host, e);
        } finally {
            syncLock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private HostDiedException broken(String what, IOException e) {
        broken = true;
        try {
            conn.close();
        } catch (IOException ignored) {
            // already broken
        }
        return new HostDiedException(host.hostPid(), "resource host process " + host.hostPid()
                + " is gone: " + what + " failed", e);
    }
}

package dev.pyconcurrent.process.mppool;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.pyconcurrent.ipc.connection.Listener;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.process.pool.worker.HelloAccepter;

/**
 * The socket a pool's worker JVMs connect back to, and the thread that hands each connection to its
 * {@link PoolWorker}.
 *
 * <p>CPython counterpart: none; a CPython worker inherits the pipe ends of {@code _inqueue} and {@code _outqueue} when
 * it is spawned. A JVM cannot pass a socket to its child, so each worker connects to this
 * {@link Listener} (a Unix socket in this JVM's private 0700 directory: only this user can connect, the trust boundary
 * of inherited pipes) and names itself with a HELLO message; the accept loop is the process pool's
 * {@link HelloAccepter}. Runs until {@link #close()}.
 */
final class WorkerListener implements AutoCloseable {
    private final Listener listener;
    private final String socketPath;
    private final Serializer serializer;
    /** Workers spawned but not yet connected, by worker id. */
    private final Map<Long, PoolWorker> expected = new ConcurrentHashMap<>();

    WorkerListener(String poolName, Serializer serializer, int backlog) throws IOException {
        this.serializer = serializer;
        this.listener = new Listener(null, null, backlog);
        this.socketPath = ((UnixDomainSocketAddress) listener.address()).getPath().toString();
        Thread accepter = new Thread(new HelloAccepter(listener, serializer, id -> {
            PoolWorker worker = expected.remove(id);
            return worker == null ? null : worker.connected;
        }), poolName + "-accepter");
        accepter.setDaemon(true);
        accepter.start();
    }

    String socketPath() {
        return socketPath;
    }

    /** Registers a worker before its JVM is launched, so its HELLO always finds it. */
    void expect(PoolWorker worker) {
        expected.put(worker.workerId, worker);
    }

    /** The worker will never connect (its launch failed, or it died): stop expecting it. */
    void forget(PoolWorker worker) {
        expected.remove(worker.workerId, worker);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}

package dev.pyconcurrent.process.mppool;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.ConnectionStateException;
import dev.pyconcurrent.ipc.connection.Listener;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.process.pool.worker.MessageChannel;
import dev.pyconcurrent.process.pool.worker.WireReader;

/**
 * The socket a pool's worker JVMs connect back to, and the thread that hands each connection to its
 * {@link PoolWorker}.
 *
 * <p>CPython counterpart: none; a CPython worker inherits the pipe ends of {@code _inqueue} and {@code _outqueue} when
 * it is spawned. A JVM cannot pass a socket to its child, so each worker connects to this
 * {@link Listener} (a Unix socket in this JVM's private 0700 directory: only this user can connect, the trust boundary
 * of inherited pipes) and names itself with a HELLO message. No HMAC handshake, for the reason the process pool gives
 * (≈ 70 ms of JCA start-up per worker). Runs until {@link #close()}.
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
        Thread accepter = new Thread(this::acceptLoop, poolName + "-accepter");
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

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Connection connection;
            try {
                connection = listener.accept();
            } catch (ConnectionStateException closed) {
                return;
            } catch (IOException refused) {
                if (listener.isClosed()) {
                    return;
                }
                continue; // one bad client does not stop the others
            }
            MessageChannel channel = new MessageChannel(connection.useSerializer(serializer));
            try {
                WireReader in = channel.receive();
                if (in.readByte() != PoolWire.HELLO) {
                    channel.close();
                    continue;
                }
                PoolWorker worker = expected.remove(in.readLong());
                if (worker == null || !worker.connected.complete(channel)) {
                    channel.close(); // unknown, or written off (died, timed out) before its HELLO arrived
                }
            } catch (IOException | RuntimeException badHello) {
                channel.close();
            }
        }
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

package dev.pyconcurrent.process.pool;

import java.io.IOException;
import java.util.Map;

import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.ConnectionStateException;
import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.process.pool.worker.MessageChannel;
import dev.pyconcurrent.process.pool.worker.Wire;
import dev.pyconcurrent.process.pool.worker.WireReader;

/**
 * Accepts the connection each new worker makes back to the pool and hands it to that worker's handle.
 *
 * <p>CPython counterpart: none; a CPython worker inherits its queues' pipe ends at spawn. A JVM cannot pass a socket
 * to a child, so each worker connects to the pool's {@link dev.pyconcurrent.ipc.connection.Listener} (a Unix socket in
 * this JVM's private 0700 directory, so only this user can connect) and names itself with a HELLO message. There is
 * no HMAC handshake: it cost ~70 ms of every worker's start-up (JCA initialisation), and the directory permissions
 * give the trust boundary of CPython's inherited pipes. Runs until the listener is closed.
 */
final class WorkerAccepter implements Runnable {
    private final dev.pyconcurrent.ipc.connection.Listener listener;
    private final Map<Long, WorkerHandle> processes;
    private final Serializer serializer;

    WorkerAccepter(dev.pyconcurrent.ipc.connection.Listener listener, Map<Long, WorkerHandle> processes,
                   Serializer serializer) {
        this.listener = listener;
        this.processes = processes;
        this.serializer = serializer;
    }

    @Override
    public void run() {
        while (!listener.isClosed()) {
            Connection connection;
            try {
                connection = listener.accept();
            } catch (ConnectionStateException closed) {
                return;
            } catch (IOException refused) {
                // A failed handshake (wrong key, a stray client): refuse that one and keep listening.
                if (listener.isClosed()) {
                    return;
                }
                continue;
            }
            MessageChannel channel = new MessageChannel(connection.useSerializer(serializer));
            try {
                WireReader in = channel.receive();
                if (in.readByte() != Wire.HELLO) {
                    channel.close();
                    continue;
                }
                long workerId = in.readLong();
                WorkerHandle worker = processes.get(workerId);
                if (worker == null || !worker.connected.complete(channel)) {
                    channel.close(); // unknown, or it died and was written off before its HELLO arrived
                }
            } catch (IOException | RuntimeException badHello) {
                channel.close();
            }
        }
    }
}

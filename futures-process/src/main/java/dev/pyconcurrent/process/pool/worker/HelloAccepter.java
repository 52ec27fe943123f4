package dev.pyconcurrent.process.pool.worker;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

import dev.pyconcurrent.ipc.connection.Connection;
import dev.pyconcurrent.ipc.connection.ConnectionStateException;
import dev.pyconcurrent.ipc.connection.Listener;
import dev.pyconcurrent.ipc.serialization.Serializer;

/**
 * Accepts the connection each new worker makes back to its pool and hands it to whoever waits for that worker; the
 * accept loop of both pools ({@code ProcessPoolExecutor} and {@code multiprocessing.Pool}).
 *
 * <p>CPython counterpart: none; a CPython worker inherits its queues' pipe ends at spawn. A JVM cannot pass a socket
 * to a child, so each worker connects to its pool's {@link Listener} (a Unix socket in this JVM's private 0700
 * directory, so only this user can connect: the trust boundary of CPython's inherited pipes) and names itself with a
 * {@link Wire#HELLO} message carrying its worker id. There is no authkey handshake on this socket: the directory
 * already is the boundary, and the handshake would add its round trips and its {@code SecureRandom} to every worker's
 * start. A connection that fails, says something else first, or names a worker nobody waits for is closed, and the loop
 * goes on. Runs until the listener is closed.
 */
public final class HelloAccepter implements Runnable {
    private final Listener listener;
    private final Serializer serializer;
    private final LongFunction<CompletableFuture<MessageChannel>> waitingFor;

    /**
     * @param waitingFor for a worker id, the future its pool completes with the worker's channel, or null if no
     *                   worker of that id is expected (any more)
     */
    public HelloAccepter(Listener listener, Serializer serializer,
                         LongFunction<CompletableFuture<MessageChannel>> waitingFor) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.waitingFor = Objects.requireNonNull(waitingFor, "waitingFor");
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
                if (listener.isClosed()) {
                    return;
                }
                continue; // one bad client does not stop the others
            }
            MessageChannel channel = new MessageChannel(connection.useSerializer(serializer));
            try {
                WireReader in = channel.receive();
                if (in.readByte() != Wire.HELLO) {
                    channel.close();
                    continue;
                }
                CompletableFuture<MessageChannel> waiting = waitingFor.apply(in.readLong());
                if (waiting == null || !waiting.complete(channel)) {
                    channel.close(); // unknown, or written off (died, timed out) before its HELLO arrived
                }
            } catch (IOException | RuntimeException badHello) {
                channel.close();
            }
        }
    }
}

package dev.pyconcurrent.ipc.connection;

import dev.pyconcurrent.ipc.serialization.Serializer;
import dev.pyconcurrent.ipc.serialization.Serializers;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Two {@link Connection}s joined by a Unix domain socket pair: what one end sends, the other
 * receives. Closing the pair closes both ends.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/connection.py: Pipe(duplex=True)}, which on
 * POSIX is {@code socket.socketpair()} for a duplex pipe and {@code os.pipe()} for a one-way one.
 * Java differs: the JDK has no {@code socketpair()}, so {@link SocketPair} emulates it (listen on a
 * short path in a private 0700 directory, connect, check a random secret, accept, unlink the path
 * before returning), and a one-way pipe is the same socket pair with the unused directions shut
 * down and refused, rather than an {@code os.pipe()}. As in CPython, no port and no network
 * protocol stack are involved.
 *
 * @param first  for a duplex pipe, one end; for a one-way pipe, the reading end
 * @param second for a duplex pipe, the other end; for a one-way pipe, the writing end
 */
public record Pipe(Connection first, Connection second) implements AutoCloseable {

    /** A duplex pipe using the default serializer. */
    public static Pipe open() throws IOException {
        return open(true);
    }

    /**
     * Opens a pipe. With {@code duplex=false} the result is {@code (reader, writer)}: the first end
     * can only receive and the second can only send; the forbidden operations throw
     * {@link ConnectionStateException}.
     */
    public static Pipe open(boolean duplex) throws IOException {
        return open(duplex, Serializers.trustedPeerSerializer());
    }

    /** Opens a pipe whose ends use {@code serializer} for {@code send}/{@code recv}. */
    public static Pipe open(boolean duplex, Serializer serializer) throws IOException {
        SocketChannel[] pair = SocketPair.open();
        try {
            if (!duplex) {
                pair[0].shutdownOutput();                  // reader never writes
                pair[1].shutdownInput();                   // writer never reads
            }
            Connection first = new Connection(pair[0], true, duplex);
            Connection second = new Connection(pair[1], duplex, true);
            first.useSerializer(serializer);
            second.useSerializer(serializer);
            return new Pipe(first, second);
        } catch (IOException | RuntimeException e) {
            pair[0].close();
            pair[1].close();
            throw e;
        }
    }

    /** The receiving end of a one-way pipe (same as {@link #first()}). */
    public Connection reader() {
        return first;
    }

    /** The sending end of a one-way pipe (same as {@link #second()}). */
    public Connection writer() {
        return second;
    }

    @Override
    public void close() throws IOException {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}

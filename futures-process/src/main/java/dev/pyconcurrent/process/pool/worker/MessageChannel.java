package dev.pyconcurrent.process.pool.worker;

import java.io.IOException;

import dev.pyconcurrent.ipc.connection.BufferTooShortException;
import dev.pyconcurrent.ipc.connection.Connection;

/**
 * One end of a pool/worker channel with a reused receive array and a reused send buffer: the lean hot path of
 * every call and result.
 *
 * <p>CPython counterpart: none (the pickling {@code Queue.put}/{@code get} of the call and result queues). Not
 * thread-safe: one thread sends and receives.
 */
public final class MessageChannel implements AutoCloseable {
    private final Connection connection;
    private final WireBuffer out = new WireBuffer();
    private final WireReader in = new WireReader();
    private byte[] scratch = new byte[4096];

    public MessageChannel(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /** The send buffer, emptied: write one message into it, then {@link #send()}. */
    public WireBuffer startMessage() {
        return out.reset();
    }

    public void send() throws IOException {
        connection.sendBytes(out.array(), 0, out.size());
    }

    /** Blocks for the next message; the reader is valid until the next call. EOF throws EOFException. */
    public WireReader receive() throws IOException {
        try {
            int length = connection.recvBytesInto(scratch);
            return in.reset(scratch, length);
        } catch (BufferTooShortException tooLong) {
            byte[] whole = tooLong.messageBytes();
            if (whole.length <= 1 << 20) {
                scratch = new byte[Math.max(whole.length, scratch.length * 2)];
            }
            return in.reset(whole, whole.length);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing a broken socket: nothing left to release
        }
    }
}

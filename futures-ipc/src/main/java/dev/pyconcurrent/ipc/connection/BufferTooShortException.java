package dev.pyconcurrent.ipc.connection;

import java.io.IOException;

/**
 * {@link Connection#recvBytesInto(byte[], int)} or {@link Connection#recvBytesInto(java.nio.ByteBuffer)}
 * received a message that does not fit the caller's buffer (which is left untouched). The whole message has been consumed from the connection and is carried here, so nothing
 * is lost and the connection stays usable.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/context.py: BufferTooShort}, whose
 * {@code args[0]} is the complete message. Java exposes it as {@link #messageBytes()}.
 */
public class BufferTooShortException extends IOException {
    private static final long serialVersionUID = 1L;

    private final byte[] message;

    public BufferTooShortException(byte[] message, int room) {
        super("message of " + message.length + " bytes does not fit the " + room
                + " bytes left in the buffer");
        this.message = message;
    }

    /** The complete message that did not fit (not a copy: the caller owns it now). */
    public byte[] messageBytes() {
        return message;
    }
}

package dev.pyconcurrent.ipc.connection;

import java.io.IOException;

/**
 * A frame on the wire broke the framing rules: a negative length, a length above the caller's
 * {@code maxLength}, or an end of file in the middle of a header or payload. After this exception
 * the receiving direction of the {@link Connection} is unusable, because the byte stream can no
 * longer be split into messages.
 *
 * <p>CPython counterpart: the {@code OSError("bad message length")} and
 * {@code OSError("got end of file during message")} raised by
 * {@code Lib/multiprocessing/connection.py: _ConnectionBase.recv_bytes / Connection._recv}.
 * Java differs in that it has its own type so callers can tell a protocol error from an I/O error,
 * and in that a negative length other than the -1 escape is rejected (CPython reads it as an empty
 * message).
 */
public class BadFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    public BadFrameException(String message) {
        super(message);
    }
}

package dev.pyconcurrent.ipc.connection;

import java.io.IOException;

/**
 * An operation the connection's state forbids: using a closed connection, reading from a
 * write-only end, writing to a read-only end, or using a direction that an earlier protocol error
 * left unusable. The message says which.
 *
 * <p>CPython counterpart: the {@code OSError("handle is closed")},
 * {@code OSError("connection is write-only")} and {@code OSError("connection is read-only")} of
 * {@code Lib/multiprocessing/connection.py: _ConnectionBase._check_closed / _check_readable /
 * _check_writable}.
 */
public class ConnectionStateException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConnectionStateException(String message) {
        super(message);
    }
}

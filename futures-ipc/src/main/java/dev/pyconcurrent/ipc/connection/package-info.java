/**
 * Message connections between processes: {@link dev.pyconcurrent.ipc.connection.Connection},
 * {@link dev.pyconcurrent.ipc.connection.Pipe}, {@link dev.pyconcurrent.ipc.connection.Listener},
 * {@link dev.pyconcurrent.ipc.connection.Client} and the HMAC handshake
 * ({@link dev.pyconcurrent.ipc.connection.Authentication}).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/connection.py}. The wire format (a 4-byte
 * big-endian length, or -1 plus an 8-byte length, then the payload) and the handshake are
 * byte-compatible with CPython, so Java and Python processes can exchange byte messages. All
 * sockets are Unix domain sockets (or TCP for {@code host:port} addresses); socket files live in a
 * per-JVM 0700 directory and are removed on close and at JVM exit.
 */
package dev.pyconcurrent.ipc.connection;

package dev.pyconcurrent.process.manager;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A proxy or manager could not reach its server, or lost the connection in the middle of a call: the manager has
 * been shut down, its process died, or the address is wrong. Calls never wait for a dead manager; they fail with
 * this exception, whose cause is the socket error.
 *
 * <p>CPython counterpart: the {@code ConnectionRefusedError}, {@code FileNotFoundError}, {@code EOFError} or
 * {@code BrokenPipeError} a proxy call raises in that case. Java gathers them in one unchecked type so that typed
 * proxies (which implement {@code java.util.List}, {@code Map}, ...) can report it.
 */
public class ManagerConnectionException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public ManagerConnectionException(String message, IOException cause) {
        super(message, cause);
    }
}

package dev.pyconcurrent.ipc.connection;

import java.io.IOException;

/**
 * The HMAC challenge/response handshake failed: the peer holds a different authkey, answered with
 * something that is not a response, or rejected ours.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/context.py: AuthenticationError} (raised from
 * {@code Lib/multiprocessing/connection.py: deliver_challenge / answer_challenge}). Java differs in
 * that it is an {@link IOException}, because it always comes out of socket I/O and callers already
 * handle that type; CPython's is a plain {@code ProcessError}.
 */
public class AuthenticationException extends IOException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}

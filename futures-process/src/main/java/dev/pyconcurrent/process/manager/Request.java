package dev.pyconcurrent.process.manager;

import java.io.Serial;
import java.io.Serializable;

/**
 * One request to a manager's server: CPython's {@code (ident, methodname, args, kwds)} tuple.
 *
 * <p>{@code ident} is {@code null} for a call of one of the server's own {@link Server#PUBLIC} methods (the first
 * and only message of a fresh connection) and an object id for a call on a shared object (every message of a
 * connection switched to serving proxies by {@code accept_connection}). Java has no keyword arguments, so there is
 * no {@code kwds}.
 */
record Request(String ident, String methodName, Object[] args) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}

package dev.pyconcurrent.process.manager;

import java.io.Serial;
import java.io.Serializable;

/**
 * One reply from a manager's server: CPython's {@code (kind, result)} pair.
 *
 * @param kind   one of the constants below
 * @param result the return value ({@link #RETURN}); the thrown exception ({@link #ERROR}); the server-side stack
 *               trace as text ({@link #TRACEBACK}, {@link #UNSERIALIZABLE}); or a {@link ProxyResult} ({@link #PROXY})
 */
record Reply(String kind, Object result) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The call returned {@code result}. */
    static final String RETURN = "#RETURN";
    /** The referent's method threw {@code result}; the client re-throws it. */
    static final String ERROR = "#ERROR";
    /** The server failed around the call (unknown id, unexposed method, ...); {@code result} is the trace. */
    static final String TRACEBACK = "#TRACEBACK";
    /** The result could not be serialized; {@code result} describes it. */
    static final String UNSERIALIZABLE = "#UNSERIALIZABLE";
    /** The result is a new shared object ({@code method_to_typeid}); the client builds a proxy for it. */
    static final String PROXY = "#PROXY";

    static Reply ofReturn(Object result) {
        return new Reply(RETURN, result);
    }

    /** The {@code (exposed, token)} pair of a {@link #PROXY} reply. */
    record ProxyResult(String[] exposed, Token token) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }
}

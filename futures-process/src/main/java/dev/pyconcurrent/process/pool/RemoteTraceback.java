package dev.pyconcurrent.process.pool;

/**
 * The formatted stack trace of a failure that happened in a worker JVM, attached as the cause of the exception the
 * caller sees.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/process.py: _RemoteTraceback}, whose {@code str()} is the
 * remote traceback text and which is set as {@code __cause__} of the re-raised exception. Java differs: the remote
 * exception usually arrives as itself (Java serialization keeps its class, message and stack frames), and this
 * carries the worker's complete {@code printStackTrace} text, including causes and suppressed exceptions. When the
 * remote exception itself cannot be serialized or rebuilt here, a {@code RemoteTraceback} stands in for it. It has no
 * local stack frames of its own (they would only show the pool's internals).
 */
public class RemoteTraceback extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param remoteTrace the worker's stack trace text */
    public RemoteTraceback(String remoteTrace) {
        super("\n\"\"\"\n" + remoteTrace + "\"\"\"", null, false, false);
    }

    /** The remote trace without the quoting CPython puts around it. */
    public String remoteTrace() {
        String m = getMessage();
        return m.substring(5, m.length() - 3);
    }
}

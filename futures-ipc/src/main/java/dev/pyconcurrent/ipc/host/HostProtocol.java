package dev.pyconcurrent.ipc.host;

/**
 * Wire constants of the resource-host protocol. Every message is one {@code Connection} frame
 * (CPython's 4-byte length header); inside it, big-endian fields:
 * <pre>
 *   hello (first frame on a new connection): kind(1) pid(8) [CALLS: threadId(8) threadName(utf)]
 *                                                          [RELAY: relayId(8)]
 *   CALLS request : op(1) objectId(8) args...          one outstanding request per connection
 *   CALLS reply   : status(1) payload...               OK / FALSE / ERROR(serialized exception) / CANCELLED
 *   CANCEL        : op(1)                              client → host while its request waits
 *   STREAM frames : PUT op(1) objectId(8) item...      one-way, no reply (the feeder path)
 *                   PUT_BATCH op(1) objectId(8) count(4) {length(4) item}*
 *                   SYNC op(1)                         host replies OK after every earlier frame is applied
 * </pre>
 * Object-specific op codes start at {@link #FIRST_RESOURCE_OP}; each hosted type defines its own.
 *
 * <p>CPython counterpart: the {@code (ident, methodname, args, kwds)} → {@code (kind, result)} tuples
 * of {@code Lib/multiprocessing/managers.py: BaseProxy._callmethod / Server.serve_client}. Java
 * differs by using one-byte op codes and raw fields instead of pickled tuples (lean frames), by
 * carrying timeouts in the request so the host enforces them, and by the one-way STREAM
 * connection, which lets a producer send items without a round trip each.
 */
public final class HostProtocol {
    private HostProtocol() {
    }

    /** Connection kinds (first byte of the hello frame). */
    public static final byte KIND_CALLS = 1;
    public static final byte KIND_STREAM = 2;
    public static final byte KIND_RELAY = 3;

    /** Generic ops. */
    public static final byte OP_CANCEL = 1;
    public static final byte OP_PUT = 2;
    public static final byte OP_PUT_BATCH = 3;
    public static final byte OP_SYNC = 4;
    /** Resource-specific op codes are this or higher. */
    public static final byte FIRST_RESOURCE_OP = 16;

    /** Reply status codes. */
    public static final byte STATUS_OK = 0;
    /** "No": timed out, empty, full, not acquired; the payload may say more. */
    public static final byte STATUS_FALSE = 1;
    /** The payload is a serialized exception, re-thrown in the caller. */
    public static final byte STATUS_ERROR = 2;
    /** The request was abandoned because the client sent {@link #OP_CANCEL} (it was interrupted). */
    public static final byte STATUS_CANCELLED = 3;

    /** Timeout field meaning "block without limit" (Python's {@code timeout=None}). */
    public static final long NO_TIMEOUT = -1L;

    /**
     * How long a host thread waits before checking that the remote caller is still there (EOF or
     * CANCEL). Bounds how long a dead waiter or an interrupted one keeps its place.
     */
    public static final long PEER_CHECK_NANOS = 100_000_000L;

    /**
     * Converts Python's {@code (block, timeout)} pair to the wire form: 0 = do not wait,
     * {@link #NO_TIMEOUT} = wait forever, otherwise nanoseconds (negative timeouts count as 0, as
     * CPython's {@code SemLock.acquire} treats them).
     */
    public static long toWireTimeout(boolean block, double timeoutSeconds) {
        if (!block) {
            return 0L;
        }
        if (Double.isNaN(timeoutSeconds)) {
            throw new IllegalArgumentException("timeout is NaN");
        }
        if (timeoutSeconds == Double.POSITIVE_INFINITY) {
            return NO_TIMEOUT;
        }
        if (timeoutSeconds <= 0) {
            return 0L;
        }
        double nanos = timeoutSeconds * 1e9;
        return nanos >= Long.MAX_VALUE / 2.0 ? NO_TIMEOUT : (long) nanos;
    }

    /** As {@link #toWireTimeout(boolean, double)} with a nullable timeout ({@code null} = None). */
    public static long toWireTimeout(boolean block, Double timeoutSeconds) {
        return toWireTimeout(block, timeoutSeconds == null ? Double.POSITIVE_INFINITY : timeoutSeconds);
    }
}

package dev.pyconcurrent.ipc.connection;

/**
 * The wire layout of one message, as a descriptor of constants (no state).
 *
 * <pre>
 *   short frame (payload length n, 0 &lt;= n &lt;= 0x7fffffff):
 *     +----------------------------+------------------+
 *     | n : int32, big-endian      | n payload bytes  |
 *     +----------------------------+------------------+
 *   long frame (n &gt; 0x7fffffff):
 *     +--------------+---------------------------+------------------+
 *     | -1 : int32   | n : uint64, big-endian    | n payload bytes  |
 *     +--------------+---------------------------+------------------+
 * </pre>
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/connection.py: Connection._send_bytes /
 * _recv_bytes} ({@code struct.pack("!i", n)} and the {@code "!Q"} escape). Java arrays stop at
 * about 2^31 bytes, so this library can <em>read</em> a long-frame header but refuses a payload it
 * cannot hold (with {@link BadFrameException}); it writes long frames only from a
 * {@link java.nio.ByteBuffer} larger than that, which cannot exist either, so in practice Java
 * sends short frames only. The constants are kept so the reader is byte-compatible with CPython.
 */
final class Frames {
    /** Bytes in a short header. */
    static final int SHORT_HEADER = 4;
    /** Bytes in a long header: the -1 escape plus the 8-byte length. */
    static final int LONG_HEADER = 12;
    /** The escape value that announces a long header. */
    static final int LONG_ESCAPE = -1;
    /** Largest payload a short header can describe. */
    static final long MAX_SHORT_PAYLOAD = 0x7fffffffL;
    /** Largest payload Java can return as one {@code byte[]} (VM array limit with headroom). */
    static final int MAX_ARRAY_PAYLOAD = Integer.MAX_VALUE - 8;
    /**
     * CPython writes header and payload with one write up to this size (issue 20540: avoid Nagle
     * delays and a second syscall). This library goes further, see {@link FrameWriter}.
     */
    static final int CPYTHON_SINGLE_WRITE_LIMIT = 16384;

    private Frames() {
    }
}

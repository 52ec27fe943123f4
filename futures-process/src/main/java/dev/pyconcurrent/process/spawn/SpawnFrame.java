package dev.pyconcurrent.process.spawn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;

/**
 * The bytes a parent writes to a spawned child's stdin: a small fixed header ("preparation data") followed by one
 * opaque payload.
 *
 * <p>Mirrors the first half of {@code Lib/multiprocessing/popen_spawn_posix.py: Popen._launch} and
 * {@code Lib/multiprocessing/spawn.py: _main}: CPython pickles {@code preparation_data} and then the process object
 * into the pipe the child reads from. Java differs in two ways: the header is written with {@link DataOutputStream}
 * (so a child can read it without initialising Java serialization), and the channel is the child's <em>stdin</em>
 * because {@link ProcessBuilder} cannot hand extra file descriptors to a child.
 *
 * <p>Layout (big-endian, {@code DataOutput} encodings):
 * <pre>
 *   int     MAGIC            0x50594350 ("PYCP")
 *   int     VERSION          1
 *   long    parentPid
 *   int     authkeyLength    0 = keep the child's own key
 *   byte[]  authkey          the parent's process authkey (CPython's preparation_data["authkey"])
 *   boolean exitWithParent   child exits when stdin reaches EOF (the parent died or gave it up)
 *   UTF     exitReportPath   "" = no exit report wanted (see {@link ExitReport})
 *   int     payloadLength    ≥ 0
 *   byte[]  payload
 * </pre>
 * After the frame the parent writes nothing more but keeps its end open: EOF on the child's stdin is the parent's
 * death notice (CPython's {@code parent_sentinel}).
 */
public final class SpawnFrame {
    /** "PYCP": guards against a child started by hand with garbage on stdin. */
    public static final int MAGIC = 0x50594350;
    /** Bumped when the layout changes; parent and child always come from the same classpath. */
    public static final int VERSION = 2;
    /** A sanity bound for the authkey field; CPython's keys are 32 bytes. */
    static final int MAX_AUTHKEY_LENGTH = 4096;

    private final long parentPid;
    private final byte[] authkey;
    private final boolean exitWithParent;
    private final String exitReportPath;
    private final byte[] payload;

    public SpawnFrame(long parentPid, boolean exitWithParent, String exitReportPath, byte[] payload) {
        this(parentPid, new byte[0], exitWithParent, exitReportPath, payload);
    }

    /**
     * @param authkey the process authkey the child must adopt before it deserializes the payload (a payload may hold
     *                handles of queues or locks hosted by the parent, which authenticate with it); empty = none
     */
    public SpawnFrame(long parentPid, byte[] authkey, boolean exitWithParent, String exitReportPath, byte[] payload) {
        this.parentPid = parentPid;
        this.authkey = authkey == null ? new byte[0] : authkey.clone();
        this.exitWithParent = exitWithParent;
        this.exitReportPath = exitReportPath == null ? "" : exitReportPath;
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
        this.payload = payload;
    }

    public long parentPid() {
        return parentPid;
    }

    /** The parent's process authkey (a copy), empty when the parent sent none. */
    public byte[] authkey() {
        return authkey.clone();
    }

    public boolean exitWithParent() {
        return exitWithParent;
    }

    /** Path of the exit-report file, or the empty string when none was requested. */
    public String exitReportPath() {
        return exitReportPath;
    }

    /** The payload bytes (not copied: the frame is a one-shot carrier). */
    public byte[] payload() {
        return payload;
    }

    /** Writes the frame and flushes; does not close {@code out} (its EOF means "parent gone"). */
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeLong(parentPid);
        data.writeInt(authkey.length);
        data.write(authkey);
        data.writeBoolean(exitWithParent);
        data.writeUTF(exitReportPath);
        data.writeInt(payload.length);
        data.write(payload);
        data.flush();
    }

    /**
     * Reads exactly one frame. {@code in} should be unbuffered (e.g. {@code new FileInputStream(FileDescriptor.in)})
     * so that nothing after the frame is consumed by read-ahead.
     *
     * @throws StreamCorruptedException if the magic or version does not match
     * @throws EOFException if the parent closed the pipe before a whole frame arrived
     */
    public static SpawnFrame readFrom(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic != MAGIC) {
            throw new StreamCorruptedException(String.format(
                    "not a spawn frame: magic 0x%08x, expected 0x%08x (was this JVM started by a Process?)",
                    magic, MAGIC));
        }
        int version = data.readInt();
        if (version != VERSION) {
            throw new StreamCorruptedException("spawn frame version " + version + ", this child reads " + VERSION);
        }
        long parentPid = data.readLong();
        int keyLength = data.readInt();
        if (keyLength < 0 || keyLength > MAX_AUTHKEY_LENGTH) {
            throw new StreamCorruptedException("bad authkey length " + keyLength);
        }
        byte[] authkey = new byte[keyLength];
        data.readFully(authkey);
        boolean exitWithParent = data.readBoolean();
        String reportPath = data.readUTF();
        int length = data.readInt();
        if (length < 0) {
            throw new StreamCorruptedException("negative payload length " + length);
        }
        byte[] payload = new byte[length];
        data.readFully(payload);
        return new SpawnFrame(parentPid, authkey, exitWithParent, reportPath, payload);
    }
}

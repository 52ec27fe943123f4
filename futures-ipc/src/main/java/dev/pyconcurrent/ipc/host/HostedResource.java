package dev.pyconcurrent.ipc.host;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The host-side core of a shared object: the state every process's proxy operates on.
 *
 * <p>CPython counterpart: the referent objects a manager's {@code Server} keeps in
 * {@code id_to_obj} ({@code Lib/multiprocessing/managers.py}), with {@code serve_client} doing the
 * dispatch. Java differs in that the host is not a separate server process: it is a thread pool
 * inside whichever JVM created the object, and that JVM uses the core directly (no socket).
 */
public interface HostedResource {

    /** A short name for messages, e.g. {@code "Queue#3"}. */
    String describe();

    /**
     * Serves one request (op code already read; {@code args} positioned at the first argument) and
     * replies through {@code call} exactly once.
     */
    void serve(byte op, ByteBuffer args, HostCall call) throws IOException, InterruptedException;

    /**
     * Applies one frame from a one-way stream connection ({@link HostProtocol#OP_PUT} or
     * {@link HostProtocol#OP_PUT_BATCH}). Types that accept no streamed items refuse it.
     */
    default void serveStream(byte op, ByteBuffer args) {
        throw new IllegalArgumentException(describe() + " does not accept streamed items");
    }

    /** The remote caller {@code owner} is gone: release whatever it still holds. */
    default void ownerGone(Object owner) {
    }
}

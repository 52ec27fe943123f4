package dev.pyconcurrent.ipc.host;

import java.io.IOException;

/**
 * One request being served by a {@link HostedResource}: who asked, and how to answer. The resource
 * must answer exactly once; {@link #send()} throws if the reply could not be written (the caller is
 * gone), which lets a queue put an item back instead of losing it.
 *
 * <p>CPython counterpart: the reply half of {@code Server.serve_client} in
 * {@code Lib/multiprocessing/managers.py} ({@code send(msg)} after calling the method). Java differs in that a
 * resource may answer later from another thread (a blocked {@code get} answered by a {@code put}), instead of
 * holding the serving thread.
 */
public interface HostCall {

    /** The remote caller (also the lock-ownership token). */
    Caller caller();

    /** Starts the reply with {@code status}; append the payload to the returned buffer, then {@link #send()}. */
    FrameBuffer reply(byte status);

    /** Writes the reply started with {@link #reply(byte)}. */
    void send() throws IOException;

    /** Replies {@link HostProtocol#STATUS_OK} with no payload. */
    default void ok() throws IOException {
        reply(HostProtocol.STATUS_OK);
        send();
    }

    /** Replies OK or FALSE. */
    default void answer(boolean yes) throws IOException {
        reply(yes ? HostProtocol.STATUS_OK : HostProtocol.STATUS_FALSE);
        send();
    }

    /** Replies OK with one long. */
    default void okLong(long value) throws IOException {
        reply(HostProtocol.STATUS_OK).putLong(value);
        send();
    }
}

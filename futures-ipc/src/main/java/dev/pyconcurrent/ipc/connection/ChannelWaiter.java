package dev.pyconcurrent.ipc.connection;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Blocks a thread until a non-blocking channel is ready in one direction, with a timeout.
 *
 * <p>Why this exists: a {@link Connection}'s channel is always in non-blocking mode so that
 * {@code poll(timeout)} can be real (a blocking {@code SocketChannel} offers no way to wait with a
 * timeout, and toggling the blocking mode would disturb a concurrent writer). Reads and writes try
 * the syscall first and only wait here when it would block, which is what the JDK itself does for
 * its socket adaptor's timed reads. Each direction owns one lazily opened {@link Selector}, so a
 * reader and a writer never share selector state.
 *
 * <p>Not thread-safe: the owning direction's lock (in {@link Connection}) serializes callers.
 * {@link #wakeup()} and {@link #close()} may be called from any thread.
 */
final class ChannelWaiter {
    private final SelectableChannel channel;
    private final int interestOps;
    private volatile Selector selector;
    private volatile boolean closed;

    ChannelWaiter(SelectableChannel channel, int interestOps) {
        this.channel = channel;
        this.interestOps = interestOps;
    }

    /**
     * Waits until the channel is ready, the timeout passes, {@link #wakeup()} is called or the
     * thread is interrupted. Callers re-check readiness by retrying their syscall, so a spurious
     * return is harmless.
     *
     * @param timeoutNanos how long to wait; {@code Long.MAX_VALUE} means without limit
     */
    void await(long timeoutNanos) throws IOException {
        Selector s = selector();
        if (timeoutNanos == Long.MAX_VALUE) {
            s.select(IGNORE);                 // 0 would mean "forever" too, be explicit
        } else {
            // Round up: select(1 ms) is the finest the JDK offers; 0 would block forever.
            long millis = Math.max(1L, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999L));
            s.select(IGNORE, millis);
        }
    }

    /** Makes a concurrent or the next {@link #await(long)} return at once (used by close). */
    void wakeup() {
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    void close() throws IOException {
        closed = true;
        Selector s = selector;
        if (s != null) {
            s.close();
        }
    }

    private Selector selector() throws IOException {
        Selector s = selector;
        if (s == null) {
            if (closed) {
                throw new ConnectionStateException("handle is closed");
            }
            s = Selector.open();
            channel.register(s, interestOps);
            selector = s;
            if (closed) {                 // close() raced with the lazy open: do not leak it
                s.close();
                throw new ConnectionStateException("handle is closed");
            }
        }
        return s;
    }

    /**
     * The selected-keys consumer form of {@code select} avoids allocating in the selected-key set. An anonymous class,
     * not a method reference: the first blocking receive of every child JVM passes here, and a JVM's first lambda
     * costs a bootstrap of the lambda machinery.
     */
    private static final Consumer<SelectionKey> IGNORE = new Consumer<>() {
        @Override
        public void accept(SelectionKey key) {
            // nothing: callers retry their syscall
        }
    };
}

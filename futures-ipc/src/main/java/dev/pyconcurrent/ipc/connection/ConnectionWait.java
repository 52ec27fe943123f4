package dev.pyconcurrent.ipc.connection;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Waits until one or more of several objects is ready: CPython's {@code multiprocessing.connection.wait(object_list,
 * timeout=None)}, the multiplexer behind {@code Pool}'s and {@code ProcessPoolExecutor}'s result handling.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/connection.py: wait} (the POSIX version, a
 * {@code selectors.PollSelector} over file descriptors). An object is ready when:
 * <ul>
 *   <li>a {@link Connection}: a message, or end of file, can be read without blocking ({@link Connection#poll()}
 *       would return true; a reader whose peer closed is ready, and its {@code recv} then throws
 *       {@link java.io.EOFException}, as CPython's {@code EOFError} marks a closed reader);</li>
 *   <li>a {@link Future} (such as {@code Process.sentinel()} of futures-process): it is done. This stands for
 *       CPython's process sentinels, the integer descriptors that become readable when a process exits.</li>
 * </ul>
 * Where Java differs: CPython also accepts raw sockets and any object with {@code fileno()}; here only these two
 * kinds, because a JDK channel can be watched only in non-blocking mode, which this method must not impose on a
 * caller's socket. Objects of any other type are refused with {@link IllegalArgumentException}.
 *
 * <p>Loop goals: (1) never consume any part of a message (readiness comes from {@code poll}, which only peeks);
 * (2) no busy wait: between checks the thread sleeps in one {@link Selector} over every connection's socket;
 * (3) a connection another thread is receiving from at this moment is not ready for this caller (its {@code poll}
 * does not wait for that thread), and its socket is then muted for 1 ms at a time so the level-triggered selector
 * does not spin on it; (4) the timeout covers the whole call. Futures are re-checked every 10 ms while any is
 * watched: a completion hook per call would pile up on a long-lived sentinel waited on in a loop.
 */
public final class ConnectionWait {
    private static final long FUTURE_RECHECK_NANOS = 10_000_000L;
    private static final long MUTED_RECHECK_NANOS = 1_000_000L;

    private ConnectionWait() {
    }

    /**
     * Waits without limit until at least one object is ready; CPython {@code wait(object_list)}.
     *
     * @return the ready objects, in the order given
     */
    public static <T> List<T> ready(Collection<? extends T> objects) throws IOException, InterruptedException {
        return ready(objects, null);
    }

    /**
     * Waits up to {@code timeout} until at least one object is ready; CPython {@code wait(object_list, timeout)}.
     * A zero or negative timeout only checks (CPython's {@code test_neg_timeout}); {@code null} waits without limit.
     *
     * @param objects {@link Connection}s and {@link Future}s, in any mix
     * @param timeout how long to wait, or {@code null} for no limit
     * @return the ready objects, in the order given; empty if none became ready in time
     * @throws IllegalArgumentException if an object is of another type
     * @throws InterruptedException if the calling thread is interrupted while waiting
     * @throws IOException if a connection is closed (as CPython raises OSError) or its socket cannot be watched
     */
    public static <T> List<T> ready(Collection<? extends T> objects, Duration timeout)
            throws IOException, InterruptedException {
        boolean futures = false;
        for (Object o : objects) {
            if (o instanceof Future<?>) {
                futures = true;
            } else if (!(o instanceof Connection)) {
                throw new IllegalArgumentException("wait() accepts Connection and Future objects, not "
                        + (o == null ? "null" : o.getClass().getName()));
            }
        }
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(0, timeout.toNanos());
        List<T> ready = readyNow(objects);
        if (!ready.isEmpty() || timeout != null && timeout.toNanos() <= 0) {
            return ready;
        }
        try (Selector selector = Selector.open()) {
            for (Object o : objects) {
                if (o instanceof Connection c) {
                    c.channel().register(selector, SelectionKey.OP_READ);
                }
            }
            List<SelectionKey> muted = new ArrayList<>();
            while (true) {
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                long sleep = left;
                if (futures) {
                    sleep = Math.min(sleep, FUTURE_RECHECK_NANOS);
                }
                if (!muted.isEmpty()) {
                    sleep = Math.min(sleep, MUTED_RECHECK_NANOS);
                }
                selector.select(sleep == Long.MAX_VALUE ? 0 : Math.max(1, sleep / 1_000_000));
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted in ConnectionWait.ready");
                }
                for (SelectionKey key : muted) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                muted.clear();
                ready = readyNow(objects);
                if (!ready.isEmpty()) {
                    return ready;
                }
                // Readable sockets whose connection is not ready for us (another thread is receiving): mute them
                // for one short round instead of letting the level-triggered selector return at once, again and again.
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        key.interestOps(0);
                        muted.add(key);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
    }

    /** The objects ready at this instant, without waiting. */
    private static <T> List<T> readyNow(Collection<? extends T> objects) throws IOException {
        List<T> ready = new ArrayList<>();
        for (T o : objects) {
            if (o instanceof Connection c ? c.poll() : ((Future<?>) o).isDone()) {
                ready.add(o);
            }
        }
        return ready;
    }
}

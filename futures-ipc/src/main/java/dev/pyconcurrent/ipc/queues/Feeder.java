package dev.pyconcurrent.ipc.queues;

import dev.pyconcurrent.ipc.host.FrameBuffer;
import dev.pyconcurrent.ipc.host.HostProtocol;
import dev.pyconcurrent.ipc.host.HostStream;
import dev.pyconcurrent.ipc.host.RemoteRef;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The per-queue, per-process thread that moves already-serialized items from the local buffer to
 * the host's stream connection, so that {@code put} never waits for the socket.
 *
 * <p>CPython counterpart: {@code Queue._feed} running in the {@code QueueFeederThread} of
 * {@code Lib/multiprocessing/queues.py}. Differences: items are serialized by {@code put} on the
 * caller's thread, so an unserializable object fails there and never reaches this thread
 * (gh-84376); and the feeder sends everything buffered at once as one batch frame (up to
 * {@link #BATCH_BYTES}), which keeps a fast producer at far fewer syscalls per item.
 *
 * <p>Goals of the loop: every buffered item is sent exactly once and in order; {@link #close()}
 * lets the buffer drain, then the thread ends (CPython's sentinel); a transport error (the host
 * died) drops what is buffered, reports it once per batch and keeps draining so that nobody blocks
 * on a dead feeder.
 *
 * <h2>States and transitions</h2>
 * <pre>
 *   RUNNING --close()--&gt; CLOSING --buffer empty--&gt; DONE (thread ended)
 *   A queue shut-down changes nothing here: what is buffered was put before it and is still sent;
 *             the host keeps it (shutdown(false)) or drops it on arrival (shutdown(true)).
 *   JVM exit: a shutdown hook closes and joins every feeder whose queue did not cancelJoinThread()
 *             (CPython's _finalize_join), so items put just before exit are still delivered.
 * </pre>
 */
final class Feeder implements Runnable {
    static final int BATCH_BYTES = 64 * 1024;
    private static final long EXIT_FLUSH_MILLIS = 30_000;
    private static final Set<Feeder> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private final Queue<?> queue;
    private final RemoteRef target;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<byte[]> buffer = new ArrayDeque<>();
    private final FrameBuffer frame = new FrameBuffer(BATCH_BYTES + 64);
    private final Thread thread;
    private boolean closing;
    private int inFlight;
    volatile boolean joinCancelled;

    Feeder(Queue<?> queue, RemoteRef target) {
        this.queue = queue;
        this.target = target;
        this.thread = new Thread(this, "QueueFeederThread");
        thread.setDaemon(true);
        installExitHook();
        LIVE.add(this);
        thread.start();
    }

    void enqueue(byte[] item) {
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException(queue.name + " is closed");
            }
            buffer.addLast(item);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    int buffered() {
        lock.lock();
        try {
            return buffer.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until everything enqueued so far has been written to the socket. */
    void awaitDrained() {
        boolean interrupted = false;
        lock.lock();
        try {
            while ((!buffer.isEmpty() || inFlight > 0) && thread.isAlive()) {
                try {
                    drained.await(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void close() {
        lock.lock();
        try {
            closing = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    void join(long millis) throws InterruptedException {
        thread.join(millis);
    }

    @Override
    public void run() {
        try {
            while (true) {
                int count;
                lock.lock();
                try {
                    while (buffer.isEmpty() && !closing) {
                        notEmpty.awaitUninterruptibly();
                    }
                    if (buffer.isEmpty()) {
                        return;                              // closing and drained: CPython's sentinel
                    }
                    frame.begin(HostProtocol.OP_PUT_BATCH).putLong(target.objectId()).putInt(0);
                    count = 0;
                    while (!buffer.isEmpty()
                            && (count == 0 || frame.length() + 4 + buffer.peekFirst().length <= BATCH_BYTES)) {
                        frame.putSized(buffer.pollFirst());
                        count++;
                    }
                    inFlight = count;
                } finally {
                    lock.unlock();
                }
                java.nio.ByteBuffer.wrap(frame.array()).putInt(9, count);   // patch the count field
                try {
                    HostStream.to(target).send(frame.array(), 0, frame.length());
                } catch (RuntimeException e) {
                    queue.onFeederError(e, count);
                }
                lock.lock();
                try {
                    inFlight = 0;
                    drained.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            LIVE.remove(this);
            lock.lock();
            try {
                drained.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private static void installExitHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (Feeder.class) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(Feeder::flushAtExit, "pyc-queue-feeder-flush"));
                hookInstalled = true;
            }
        }
    }

    private static void flushAtExit() {
        long deadline = System.currentTimeMillis() + EXIT_FLUSH_MILLIS;
        for (Feeder f : LIVE) {
            if (!f.joinCancelled) {
                f.close();
            }
        }
        for (Feeder f : LIVE) {
            if (!f.joinCancelled) {
                try {
                    f.join(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}

package dev.pyconcurrent.ipc.queues;

/**
 * A non-blocking or timed {@code put} found no free slot in a bounded queue. CPython counterpart:
 * {@code queue.Full}, raised by {@code Lib/multiprocessing/queues.py: Queue.put}. Unchecked, like
 * the {@link IllegalStateException} that {@code java.util.Queue.add} throws when full.
 */
public class QueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(String message) {
        super(message);
    }
}

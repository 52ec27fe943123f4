package dev.pyconcurrent.ipc.queues;

/**
 * A non-blocking or timed {@code get} found no item. CPython counterpart: {@code queue.Empty},
 * raised by {@code Lib/multiprocessing/queues.py: Queue.get}. Unchecked, like
 * {@link java.util.NoSuchElementException}, which it extends.
 */
public class QueueEmptyException extends java.util.NoSuchElementException {
    private static final long serialVersionUID = 1L;

    public QueueEmptyException(String message) {
        super(message);
    }
}

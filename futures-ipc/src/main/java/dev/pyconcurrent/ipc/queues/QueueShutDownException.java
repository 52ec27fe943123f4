package dev.pyconcurrent.ipc.queues;

/**
 * The queue was shut down: a {@code put} after {@link Queue#shutdown()}, or a {@code get} once a
 * shut-down queue has no item left (at once, or by waking a getter that was blocked).
 *
 * <p>CPython counterpart: {@code queue.ShutDown} (new in 3.13 for {@code queue.Queue}), which
 * {@code Lib/multiprocessing/queues.py} raises on CPython's main branch (the 3.15-era
 * {@code Queue.shutdown}); older releases have no such exception. Java differs: it is unchecked and
 * extends {@link IllegalStateException}, as a put to a closed or full queue does here; catch it
 * before a broader {@code IllegalStateException} handler.
 */
public class QueueShutDownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public QueueShutDownException(String message) {
        super(message);
    }
}

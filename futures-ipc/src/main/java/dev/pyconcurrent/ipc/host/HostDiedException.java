package dev.pyconcurrent.ipc.host;

/**
 * The process that hosts a shared object (queue, lock, ...) is gone, or its connection broke, so
 * the operation could not complete. Thrown by every proxy call, including a blocking one that was
 * already waiting: the host's death closes the socket and the waiting thread wakes with this.
 *
 * <p>CPython counterpart: none exact. A manager proxy whose server died raises
 * {@code EOFError}/{@code ConnectionRefusedError} from {@code Lib/multiprocessing/managers.py}; a
 * plain {@code multiprocessing.Queue} or {@code Lock} whose other processes died can block forever.
 * This exception names the host process id and the object so the failure is easy to trace.
 */
public class HostDiedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long hostPid;

    public HostDiedException(long hostPid, String message, Throwable cause) {
        super(message, cause);
        this.hostPid = hostPid;
    }

    /** The process id of the host that is gone. */
    public long hostPid() {
        return hostPid;
    }
}

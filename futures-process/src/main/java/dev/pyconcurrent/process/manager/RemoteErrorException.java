package dev.pyconcurrent.process.manager;

/**
 * The manager's server failed to carry out a call (as opposed to the shared object's own method throwing, which is
 * re-thrown as itself): an unknown object id, a method that is not exposed, an unregistered type id, a result that
 * could not be serialized. The message holds the server-side stack trace between two lines of 75 dashes.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: RemoteError}, raised for the {@code #TRACEBACK}
 * and {@code #UNSERIALIZABLE} reply kinds, whose {@code __str__} frames the remote traceback the same way.
 */
public class RemoteErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String RULE = "-".repeat(75);

    private final String remoteText;

    public RemoteErrorException(String remoteText) {
        super("\n" + RULE + "\n" + remoteText + RULE);
        this.remoteText = remoteText;
    }

    /** The text the server sent (its stack trace), without the dashes. */
    public String remoteText() {
        return remoteText;
    }
}

package dev.pyconcurrent.process.pool;

import dev.pyconcurrent.process.pool.worker.Wire;

/**
 * Turns a failure that arrived from a worker back into the exception the caller sees, with the remote trace as its
 * cause.
 *
 * <p>CPython counterpart: {@code _ExceptionWithTraceback.__reduce__} / {@code _rebuild_exc(exc, tb)}, which set
 * {@code exc.__cause__ = _RemoteTraceback(tb)}. Java differs: a throwable's cause can be set only once, so if the
 * remote exception already has a cause the {@link RemoteTraceback} goes to the end of its cause chain, and if even that
 * is refused it is added as a suppressed exception. The text is never lost.
 */
final class RemoteFailures {
    private RemoteFailures() {
    }

    static Throwable rebuild(Wire.Failure failure) {
        RemoteTraceback trace = new RemoteTraceback(failure.remoteTrace());
        Throwable original = failure.original();
        if (original == null) {
            return trace; // the exception could not travel: its trace text stands in for it
        }
        attach(original, trace);
        return original;
    }

    private static void attach(Throwable exception, RemoteTraceback trace) {
        Throwable last = exception;
        // Goal: the deepest throwable of the chain whose cause was never set; the loop guards against cycles.
        for (int depth = 0; depth < 64 && last.getCause() != null && last.getCause() != last; depth++) {
            last = last.getCause();
        }
        try {
            last.initCause(trace);
        } catch (IllegalStateException | IllegalArgumentException alreadySet) {
            exception.addSuppressed(trace);
        }
    }
}

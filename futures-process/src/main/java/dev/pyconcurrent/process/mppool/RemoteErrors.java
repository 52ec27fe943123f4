package dev.pyconcurrent.process.mppool;

import dev.pyconcurrent.process.pool.RemoteTraceback;
import dev.pyconcurrent.process.pool.worker.Wire;

/**
 * Turns a failure that arrived from a worker back into the exception the caller sees: the original exception, with
 * the worker's formatted stack trace as its cause.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: ExceptionWithTraceback.__reduce__} and
 * {@code rebuild_exc(exc, tb)}, which set {@code exc.__cause__ = RemoteTraceback(tb)}. Java differs: a cause can be set
 * only once, so when the remote exception already has one the {@link RemoteTraceback} goes to the end of its cause
 * chain (or, if even that is refused, becomes a suppressed exception). When the exception cannot be rebuilt in this
 * JVM (its class is missing here, or it would not serialize) the {@link RemoteTraceback} stands in for it, carrying the
 * class name, message and trace as text: the job fails instead of hanging (CPython hangs, bpo-35311).
 */
final class RemoteErrors {
    private RemoteErrors() {
    }

    static Throwable rebuild(Wire.Failure failure) {
        RemoteTraceback trace = new RemoteTraceback(failure.remoteTrace());
        Throwable original = failure.original();
        if (original == null) {
            return trace;
        }
        Throwable last = original;
        // Goal: the deepest throwable whose cause was never set; the depth bound guards against cycles.
        for (int depth = 0; depth < 64 && last.getCause() != null && last.getCause() != last; depth++) {
            last = last.getCause();
        }
        try {
            last.initCause(trace);
        } catch (IllegalStateException | IllegalArgumentException alreadySet) {
            original.addSuppressed(trace);
        }
        return original;
    }
}

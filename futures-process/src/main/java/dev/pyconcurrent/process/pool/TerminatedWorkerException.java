package dev.pyconcurrent.process.pool;

import dev.pyconcurrent.process.spawn.ExitStatus;

/**
 * A worker JVM died (killed by a signal, {@code System.exit}, {@code Runtime.halt}, a crash) while the pool needed
 * it: the pool is broken, or, with {@code replaceCrashedWorkers}, only the call it was running failed.
 *
 * <p>CPython counterpart: none in CPython (it raises a plain {@code BrokenProcessPool} whose cause text says
 * {@code "terminated abruptly with exit code N"}, gh-139462); mirrors loky's {@code TerminatedWorkerError}, which
 * carries the exit codes. The exit code follows CPython's {@code Process.exitcode} convention: the status of a normal
 * exit, or {@code -signal} for a death by signal (−9 for SIGKILL; see {@link ExitStatus} for how the JVM's
 * {@code 128+n} is decoded, and its blind spot: {@code Runtime.halt(137)} reads as −9).
 */
public class TerminatedWorkerException extends BrokenProcessPoolException {
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final int exitCode;

    public TerminatedWorkerException(String message, long pid, int exitCode, Throwable cause) {
        super(message, cause);
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** The dead worker's process id. */
    public long pid() {
        return pid;
    }

    /** CPython-style exit code: the exit status, or {@code -signal} for a death by signal. */
    public int exitCode() {
        return exitCode;
    }

    /** The signal that killed the worker (9 for SIGKILL), or 0 if it exited by itself. */
    public int signal() {
        return exitCode < 0 ? -exitCode : 0;
    }

    /** The exit code as CPython prints it, e.g. {@code -SIGKILL} or {@code 1}. */
    public String describeExitCode() {
        return ExitStatus.describe(exitCode);
    }
}

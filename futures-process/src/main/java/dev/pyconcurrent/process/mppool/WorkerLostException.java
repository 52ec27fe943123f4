package dev.pyconcurrent.process.mppool;

import dev.pyconcurrent.process.spawn.ExitStatus;

/**
 * The worker JVM that was running a task died before answering (SIGKILL, the OOM killer, {@code System.exit},
 * {@code Runtime.halt}, a JVM crash): the task's job fails with this, naming the worker, its pid and its exit code.
 * The pool replaces the worker and stays usable; other jobs lose nothing.
 *
 * <p>CPython counterpart: none. CPython's {@code multiprocessing.Pool} does not notice that a worker died mid-task:
 * the worker handler starts a replacement and the task's result never arrives, so {@code get()} waits forever
 * (bpo-22393, bpo-38084; the fix in PR 10441 was never merged). This is the Java pool's improvement on that, in the
 * spirit of {@code concurrent.futures}' {@code BrokenProcessPool} (whose newest message also names the exit code,
 * gh-139462) but scoped to the one task. The exit code follows CPython's {@code Process.exitcode} convention: the exit
 * status, or {@code -signal} for a death by signal (see {@link ExitStatus}).
 */
public class WorkerLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String workerName;
    private final long pid;
    private final Integer exitCode;

    /**
     * @param workerName the worker's name ({@code PoolWorker-N})
     * @param pid        its process id
     * @param exitCode   its CPython-style exit code, or null if it could not be learnt in time
     * @param job        the job whose task was lost
     * @param index      the task's index within the job
     */
    public WorkerLostException(String workerName, long pid, Integer exitCode, long job, int index) {
        super(workerName + " (pid " + pid + ") terminated abruptly with exit code "
                + (exitCode == null ? "unknown" : ExitStatus.describe(exitCode)) + " while running task " + index
                + " of job " + job + "; the task's result is lost");
        this.workerName = workerName;
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** @return the dead worker's name ({@code PoolWorker-N}) */
    public String workerName() {
        return workerName;
    }

    /** @return the dead worker's process id */
    public long pid() {
        return pid;
    }

    /** @return its CPython-style exit code ({@code -9} for SIGKILL), or null if unknown */
    public Integer exitCode() {
        return exitCode;
    }
}

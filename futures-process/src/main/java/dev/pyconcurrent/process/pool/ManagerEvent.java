package dev.pyconcurrent.process.pool;

/**
 * What the executor manager thread waits for: the messages of its inbox.
 *
 * <p>CPython counterpart: the three things {@code _ExecutorManagerThread.wait_result_broken_or_wakeup} waits on with
 * {@code multiprocessing.connection.wait}: the result queue's reader (no event here: the channel thread that reads a result sets
 * its future itself, see {@code WorkerChannel.completeCall}), the wakeup pipe
 * (→ {@link #WAKEUP}) and the worker sentinels (→ {@link WorkerGone}). Here one blocking queue carries all three,
 * fed by the worker channels, {@code submit}/{@code shutdown}, and the workers' exit watchers.
 */
interface ManagerEvent {
    /** {@code _ThreadWakeup.wakeup()}: "look at the work-id queue and the shutdown flags again". */
    ManagerEvent WAKEUP = new ManagerEvent() {
        @Override
        public String toString() {
            return "WAKEUP";
        }
    };

    /** Why a worker is gone. */
    enum GoneReason {
        /** It answered the exit sentinel, or retired after maxTasksPerChild calls. */
        EXITED_AS_ASKED,
        /** cancel(true) killed it to stop its call. */
        KILLED_TO_CANCEL,
        /** The per-task timeout killed it. */
        KILLED_ON_TIMEOUT,
        /** Its initializer failed. */
        INITIALIZER_FAILED,
        /** It died unexpectedly (signal, System.exit, halt, fatal error, never connected). */
        CRASHED
    }

    /**
     * A worker process has exited. {@code running} is the call it was running (null if idle); {@code unsent} is a
     * call it had taken but that never fully reached it; {@code remoteCause} is what the worker reported before dying
     * (FATAL or INIT_FAILED), else null.
     */
    record WorkerGone(WorkerHandle worker, GoneReason reason, int exitCode, WorkItem running, WorkItem unsent,
                      Throwable remoteCause) implements ManagerEvent {
    }

    /** The pool must break for a reason that is not a dead worker (e.g. a result that cannot be read back). */
    record Broken(String message, Throwable cause) implements ManagerEvent {
    }
}

package dev.pyconcurrent.process.pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each hop to its SLF4J stage logger (if DEBUG is on) and to the user's {@link PoolTrace} (if any). Cheap when
 * both are off: one volatile-free boolean check per hop.
 */
final class TraceHops {
    private static final String PREFIX = "dev.pyconcurrent.process.pool.trace.";
    private static final Logger SUBMIT = LoggerFactory.getLogger(PREFIX + "submit");
    private static final Logger CALL_QUEUE = LoggerFactory.getLogger(PREFIX + "callqueue");
    private static final Logger WORKER = LoggerFactory.getLogger(PREFIX + "worker");
    private static final Logger RESULT_QUEUE = LoggerFactory.getLogger(PREFIX + "resultqueue");
    private static final Logger FUTURE = LoggerFactory.getLogger(PREFIX + "future");

    private final PoolTrace listener;
    private final boolean any;

    TraceHops(PoolTrace listener) {
        this.listener = listener;
        this.any = listener != null || SUBMIT.isDebugEnabled() || CALL_QUEUE.isDebugEnabled()
                || WORKER.isDebugEnabled() || RESULT_QUEUE.isDebugEnabled() || FUTURE.isDebugEnabled();
    }

    boolean enabled() {
        return any;
    }

    void submitted(long workId, Object task) {
        if (!any) {
            return;
        }
        SUBMIT.debug("work item {} submitted: {}", workId, task);
        if (listener != null) {
            listener.submitted(workId, task);
        }
    }

    void movedToCallQueue(long workId) {
        if (!any) {
            return;
        }
        CALL_QUEUE.debug("work item {} moved to the call queue", workId);
        if (listener != null) {
            listener.movedToCallQueue(workId);
        }
    }

    void takenByWorker(long workId, long pid) {
        if (!any) {
            return;
        }
        WORKER.debug("work item {} taken by worker pid {}", workId, pid);
        if (listener != null) {
            listener.takenByWorker(workId, pid);
        }
    }

    void resultQueued(long workId, long pid, boolean failed) {
        if (!any) {
            return;
        }
        RESULT_QUEUE.debug("work item {} {} from worker pid {} on the result queue", workId,
                failed ? "failure" : "result", pid);
        if (listener != null) {
            listener.resultQueued(workId, pid, failed);
        }
    }

    void futureSet(long workId, String outcome) {
        if (!any) {
            return;
        }
        FUTURE.debug("work item {} future set: {}", workId, outcome);
        if (listener != null) {
            listener.futureSet(workId, outcome);
        }
    }
}

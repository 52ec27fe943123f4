package dev.pyconcurrent.process.pool;

import java.util.concurrent.atomic.AtomicInteger;

import dev.pyconcurrent.futures.Future;

/**
 * One submitted call and its future: CPython's {@code _WorkItem}, plus where the call currently is.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/process.py: _WorkItem(future, fn, args, kwargs)}; the
 * {@code _CallItem} that CPython builds when the item enters the call queue is this same object here (it is encoded
 * only when a worker's channel sends it). Java adds {@link #place}, so a running call can be cancelled (see
 * {@link ProcessPoolExecutor} on {@code cancel(true)}).
 *
 * <h2>Place transitions (every legal one)</h2>
 * <pre>
 *   WAITING       -> IN_CALL_QUEUE   a feeder (CallQueueFeeder: submit, manager or a channel): future.setRunningOrNotifyCancel()
 *                                    returned true, item put in the call queue
 *   IN_CALL_QUEUE -> TAKEN           a worker's channel took it (CAS); from now on the call may run in that worker
 *   IN_CALL_QUEUE -> WITHDRAWN       cancel(true) removed it before any worker took it (CAS)
 *   TAKEN         -> IN_CALL_QUEUE   its worker died before the whole call was sent (replace mode: requeued)
 * </pre>
 * A WAITING item cancelled by plain {@code cancel()} never changes place: the feeder that meets it drops it. The future's own
 * state machine is separate (see {@link Future}).
 */
final class WorkItem {
    static final int WAITING = 0;
    static final int IN_CALL_QUEUE = 1;
    static final int TAKEN = 2;
    static final int WITHDRAWN = 3;

    final long workId;
    final Future<Object> future;
    final PoolCalls.PoolCall call;
    final AtomicInteger place = new AtomicInteger(WAITING);
    /** The worker whose channel took the call; written before the TAKEN CAS, so a TAKEN reader sees it. */
    volatile WorkerHandle worker;
    /**
     * Set by {@code cancel(true)} when the call waits in its worker's socket (sent, not started): the channel kills
     * the worker as soon as the call starts, as for any running call. Never cleared.
     */
    volatile boolean stopWhenStarted;

    WorkItem(long workId, Future<Object> future, PoolCalls.PoolCall call) {
        this.workId = workId;
        this.future = future;
        this.call = call;
    }

    @Override
    public String toString() {
        return "WorkItem[" + workId + ": " + call + "]";
    }
}

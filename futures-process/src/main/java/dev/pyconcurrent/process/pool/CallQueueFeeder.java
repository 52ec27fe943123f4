package dev.pyconcurrent.process.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every way a call enters the pool's call queue, and the one lock that keeps them in order.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/process.py: _ExecutorManagerThread.add_call_item_to_queue},
 * which only the manager thread runs there. Java differs: three kinds of thread feed the call queue here, to save a
 * thread wake-up per call:
 * <ol>
 *   <li>{@code submit}, for its own call, when nothing waits ahead of it and the queue has room
 *       ({@link #handOver});</li>
 *   <li>the manager thread, after each batch of events, as in CPython ({@link #fill});</li>
 *   <li>a {@link WorkerChannel} thread that has just taken a call while work ids wait ({@link #fill}).</li>
 * </ol>
 *
 * <p>Invariants, all kept by holding {@link #lock} around every feed and around the manager steps that change what
 * may be fed: (1) FIFO: requeued calls first, then work ids in submission order, and a direct hand-off only when
 * neither waits; (2) the queue never holds more than its bound ({@code maxWorkers + EXTRA_QUEUED_CALLS}); the
 * channels only remove; (3) a call's future becomes RUNNING exactly when the call enters the queue, by whichever
 * feeder moves it; (4) no feeder marks RUNNING a future the manager is cancelling (shutdown with cancelFutures) or
 * failing (break): those steps first empty what could be fed, under the lock ({@link #drainWorkIds},
 * {@link #clearWaiting}).
 *
 * <p>A work item's {@code place} moves WAITING -&gt; IN_CALL_QUEUE here; see {@link WorkItem} for the rest.
 */
final class CallQueueFeeder {
    private final ProcessPoolExecutor pool;
    /** Held around every feed and every change to what may be fed (work ids, requeued calls). */
    private final ReentrantLock lock = new ReentrantLock();

    CallQueueFeeder(ProcessPoolExecutor pool) {
        this.pool = pool;
    }

    /**
     * {@code submit}'s shortcut for its own, still unpublished call: into the call queue at once if no work id and no
     * requeued call waits ahead of it and there is room; false means it must queue as a work id (and wake the
     * manager). Called with the pool's shutdown lock held, so no shutdown or break starts meanwhile. The future
     * cannot be cancelled yet (nobody else has it), so it becomes RUNNING here exactly as the manager would make it;
     * the item is already in {@code pendingWorkItems}, so a later shutdown waits for it and a break fails it.
     */
    boolean handOver(WorkItem item) {
        lock.lock();
        try {
            if (!pool.workIds.isEmpty() || !pool.requeued.isEmpty() || pool.callQueue.remainingCapacity() == 0) {
                return false;
            }
            if (!item.future.setRunningOrNotifyCancel()) {
                return false; // cannot happen (unpublished future); the manager's path copes with it anyway
            }
            item.place.set(WorkItem.IN_CALL_QUEUE);
            pool.trace.movedToCallQueue(item.workId); // before the add: a channel may take the call at once
            pool.callQueue.add(item);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** CPython's {@code add_call_item_to_queue}: moves requeued calls, then work ids, while there is room. */
    void fill() {
        lock.lock();
        try {
            while (pool.callQueue.remainingCapacity() > 0) {
                WorkItem again = pool.requeued.pollFirst();
                if (again != null) {
                    if (pool.pendingWorkItems.containsKey(again.workId)) {
                        again.place.set(WorkItem.IN_CALL_QUEUE); // its future is RUNNING since its first time in
                        pool.callQueue.add(again);
                    }
                    continue;
                }
                Long workId = pool.workIds.poll();
                if (workId == null) {
                    return;
                }
                WorkItem item = pool.pendingWorkItems.get(workId);
                if (item == null) {
                    continue;
                }
                if (item.future.setRunningOrNotifyCancel()) {
                    item.place.set(WorkItem.IN_CALL_QUEUE);
                    pool.trace.movedToCallQueue(workId); // before the add: a channel may take the call at once
                    pool.callQueue.add(item);
                } else {
                    pool.pendingWorkItems.remove(workId); // cancelled while waiting: drop it
                    pool.trace.futureSet(workId, "cancelled");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** True if calls wait for room in the call queue (work ids or requeued calls); a hint, read without the lock. */
    boolean callsWaiting() {
        return !pool.workIds.isEmpty() || !pool.requeued.isEmpty();
    }

    /**
     * A call that never reached its (dead) worker goes back to the head of the line. Under the lock: a submit's
     * hand-off checks "nothing requeued" and adds in one step, so it either sees this retry (and queues behind it)
     * or has already added its own, younger call.
     */
    void requeue(WorkItem unsent) {
        lock.lock();
        try {
            pool.requeued.addLast(unsent);
        } finally {
            lock.unlock();
        }
    }

    /** Takes every waiting work id out of reach of the feeders (shutdown with cancelFutures), oldest first. */
    List<Long> drainWorkIds() {
        List<Long> waiting = new ArrayList<>();
        lock.lock();
        try {
            for (Long workId = pool.workIds.poll(); workId != null; workId = pool.workIds.poll()) {
                waiting.add(workId);
            }
        } finally {
            lock.unlock();
        }
        return waiting;
    }

    /** Leaves nothing to feed (a break): no feeder can then mark RUNNING a future the manager is failing. */
    void clearWaiting() {
        lock.lock();
        try {
            pool.workIds.clear();
            pool.requeued.clear();
        } finally {
            lock.unlock();
        }
    }
}

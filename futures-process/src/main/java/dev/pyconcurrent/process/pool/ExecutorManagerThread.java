package dev.pyconcurrent.process.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.pyconcurrent.process.pool.ManagerEvent.GoneReason;
import dev.pyconcurrent.process.pool.ManagerEvent.WorkerGone;
import dev.pyconcurrent.process.spawn.ExitStatus;

/**
 * The one management thread of a pool: moves calls into the call queue when work backs up, replaces workers, and
 * breaks or shuts down the pool.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/process.py: _ExecutorManagerThread}, with the same steps per
 * loop: {@code add_call_item_to_queue}, wait for a result/wakeup/death ({@code wait_result_broken_or_wakeup}),
 * {@code process_result_item}, then {@code flag_executor_shutting_down} and {@code join_executor_internals} or
 * {@code terminate_broken}. Java differs: it drains every event already queued before checking the flags (fewer
 * wake-ups per result under load), and worker deaths arrive as events with a reason, so deliberate kills
 * ({@code cancel(true)}, task timeout) and, with {@code replaceCrashedWorkers}, crashes lead to a replacement worker
 * instead of a broken pool. And it no longer sets futures from results, nor moves every call: the channel thread
 * that reads a result sets its future ({@link WorkerChannel#completeCall}), and {@code submit} hands a call straight
 * to a call queue with room when nothing waits ahead of it. Both cut a thread wake-up per call (the hot path went
 * caller → manager → channel → worker → channel → manager → caller). When work backs up, the channel thread that
 * takes a call refills the call queue itself (see {@link CallQueueFeeder}, the one place calls enter the call
 * queue), so this thread is woken by {@code submit}, deaths, breaks and shutdown only. Deaths
 * still arrive after the dead worker's last result, since the same channel thread sets that result and then
 * reports the death.
 *
 * <p>Loop goals: (1) the call queue is refilled after every event; (2) a broken pool fails every pending future
 * exactly once, each with its own exception instance (gh-101267), and kills every worker; (3) the thread exits once
 * shutdown was requested and nothing is pending, after every worker has exited; (4) nothing here blocks without a
 * bound except waiting for the next event, and every way a worker can end produces an event.
 */
final class ExecutorManagerThread extends Thread {
    /** How long a clean shutdown waits for workers to exit after their sentinel before killing them. */
    private static final Duration JOIN_WORKERS_TIMEOUT = Duration.ofSeconds(30);
    private static final String BROKEN_BY_DEATH =
            "A child process terminated abruptly, the process pool is not usable anymore";
    private static final String FORCED = "The process pool was forcefully shut down (terminateWorkers/killWorkers)";

    private final ProcessPoolExecutor pool;
    private boolean pendingCancelled;
    // Why the pool broke; set once, acted on after the current batch of events.
    private String brokenMessage;
    private Throwable brokenCause;
    private WorkerGone brokenBy;

    ExecutorManagerThread(ProcessPoolExecutor pool, String name) {
        super(name);
        this.pool = pool;
        setDaemon(true); // the JVM exit hook (PoolExitHook) joins it, as CPython's _python_exit does
    }

    @Override
    public void run() {
        try {
            while (true) {
                addCallItemToQueue();
                handle(pool.inbox.take());
                for (ManagerEvent more = pool.inbox.poll(); more != null; more = pool.inbox.poll()) {
                    handle(more);
                }
                if (brokenMessage != null) {
                    terminateBroken();
                    return;
                }
                if (pool.shutdownThread) {
                    flagExecutorShuttingDown();
                    addCallItemToQueue();
                    if (pool.pendingWorkItems.isEmpty()) {
                        joinExecutorInternals();
                        return;
                    }
                }
            }
        } catch (Throwable unexpected) {
            ProcessPoolExecutor.LOGGER.error("the manager thread of {} failed", pool, unexpected);
            if (brokenMessage == null) {
                brokenMessage = "The manager thread of the process pool failed: " + unexpected;
                brokenCause = unexpected;
            }
            terminateBroken();
        }
    }

    /** CPython's {@code add_call_item_to_queue}, shared with the other feeders of the call queue. */
    private void addCallItemToQueue() {
        pool.feeder.fill();
    }

    private void handle(ManagerEvent event) {
        if (event == ManagerEvent.WAKEUP) {
            pool.clearWakeup();
        } else if (event instanceof WorkerGone gone) {
            processWorkerGone(gone);
        } else if (event instanceof ManagerEvent.Broken b) {
            breakPool(b.message(), b.cause(), null);
        }
    }

    private void processWorkerGone(WorkerGone gone) {
        pool.processes.remove(gone.worker().workerId);
        switch (gone.reason()) {
            case EXITED_AS_ASKED:
                replaceIfNeeded();
                break;
            case KILLED_TO_CANCEL:
                // Future.cancel(true) moves the future to CANCELLED_AND_NOTIFIED once the hook returned; setting an
                // exception here could beat it to the future's lock. If the result won instead, the channel thread
                // already removed the item (before it reported the death). So only forget the item.
                if (gone.running() != null) {
                    pool.pendingWorkItems.remove(gone.running().workId);
                }
                requeue(gone.unsent());
                replaceIfNeeded();
                break;
            case KILLED_ON_TIMEOUT:
                failRunning(gone, new TaskTimeoutException("the call ran longer than the task timeout of "
                        + pool.taskTimeout + "; its worker pid " + gone.worker().pid() + " was killed and replaced",
                        pool.taskTimeout));
                requeue(gone.unsent());
                replaceIfNeeded();
                break;
            case INITIALIZER_FAILED:
                breakPool("A process in the process pool failed its initializer, the process pool is not usable"
                        + " anymore", gone.remoteCause(), null);
                break;
            default: // CRASHED
                if (gone.worker().stopReason == WorkerHandle.STOPPED_FORCEFULLY) {
                    breakPool(FORCED, null, gone);
                } else if (!gone.worker().ready) {
                    // It never got as far as its first call (bad JVM option, classpath, connection): a replacement
                    // would fail the same way, so even replaceCrashedWorkers breaks the pool (CPython main: "could
                    // not be started").
                    breakPool("A worker process exited before it was ready (could not be started), the process pool"
                            + " is not usable anymore", gone.remoteCause(), gone);
                } else if (pool.replaceCrashedWorkers && brokenMessage == null) {
                    failRunning(gone, terminated(gone, "the worker running this call terminated abruptly"));
                    requeue(gone.unsent());
                    replaceIfNeeded();
                } else {
                    breakPool(BROKEN_BY_DEATH, gone.remoteCause(), gone);
                }
        }
    }

    private void failRunning(WorkerGone gone, Throwable failure) {
        WorkItem running = gone.running();
        if (running != null && pool.pendingWorkItems.remove(running.workId) != null) {
            if (running.future.trySetException(failure)) {
                pool.trace.futureSet(running.workId, "exception");
            }
        }
    }

    private void requeue(WorkItem unsent) {
        if (unsent != null && unsent.stopWhenStarted) {
            pool.pendingWorkItems.remove(unsent.workId); // cancel(true) got it while it waited in the dead worker
            return;
        }
        if (unsent != null && pool.pendingWorkItems.containsKey(unsent.workId)) {
            pool.feeder.requeue(unsent);
        }
    }

    /** A worker left on purpose or was replaced: start another while work remains (gh-115634, gh-119592). */
    private void replaceIfNeeded() {
        if (brokenMessage != null) {
            return;
        }
        if (pool.forcedShutdown) {
            // A worker that left during terminateWorkers/killWorkers (e.g. retiring at maxTasksPerChild) is not
            // replaced, so whatever is still pending could never run: fail it (CPython main).
            if (!pool.pendingWorkItems.isEmpty()) {
                breakPool(FORCED, null, null);
            }
            return;
        }
        if (!pool.shutdownThread || !pool.pendingWorkItems.isEmpty()) {
            pool.replaceWorker();
        }
    }

    private void breakPool(String message, Throwable cause, WorkerGone by) {
        if (brokenMessage == null) {
            brokenMessage = message;
            brokenCause = cause;
            brokenBy = by;
        }
    }

    /** CPython's {@code flag_executor_shutting_down}: with cancelFutures, cancel everything not yet running, once. */
    private void flagExecutorShuttingDown() {
        if (!pool.cancelPendingFutures || pendingCancelled) {
            return;
        }
        pendingCancelled = true;
        // Out of the feeders' reach first: a channel could otherwise mark RUNNING a future being cancelled here.
        List<Long> waiting = pool.feeder.drainWorkIds();
        for (Long workId : waiting) {
            WorkItem item = pool.pendingWorkItems.get(workId);
            if (item != null && item.future.cancel()) {
                item.future.setRunningOrNotifyCancel(); // tell wait()/asCompleted() waiters (CPython does not)
                pool.pendingWorkItems.remove(item.workId);
                pool.trace.futureSet(item.workId, "cancelled");
            }
        }
    }

    /** CPython's {@code terminate_broken}: fail everything pending, kill every worker, stop. */
    private void terminateBroken() {
        pool.shutdownLock.lock();
        try {
            pool.broken = brokenMessage;
            pool.shutdownThread = true;
        } finally {
            pool.shutdownLock.unlock();
        }
        pool.feeder.clearWaiting(); // nothing left to feed: no channel can mark RUNNING a future failed below
        String detail = describeBreak();
        for (WorkItem item : new ArrayList<>(pool.pendingWorkItems.values())) {
            // One instance per future (gh-101267): a shared exception's stack and suppressed list would mix callers.
            Throwable failure;
            if (brokenBy == null) {
                failure = new BrokenProcessPoolException(brokenMessage + detail, brokenCause);
            } else if (BROKEN_BY_DEATH.equals(brokenMessage)) {
                failure = terminated(brokenBy, "A process in the process pool was terminated abruptly while the"
                        + " future was running or pending");
            } else {
                failure = terminated(brokenBy, brokenMessage);
            }
            if (item.future.trySetException(failure)) {
                pool.trace.futureSet(item.workId, "exception");
            }
        }
        pool.pendingWorkItems.clear();
        pool.workIds.clear();
        pool.callQueue.clear();
        pool.requeued.clear();
        for (WorkerHandle worker : pool.processes.values()) {
            worker.killFor(WorkerHandle.NOT_STOPPED);
        }
        pool.closeListener();
    }

    private String describeBreak() {
        if (brokenBy == null) {
            return brokenCause == null ? "" : " (" + brokenCause + ")";
        }
        return ": worker pid " + brokenBy.worker().pid() + " terminated abruptly with exit code "
                + ExitStatus.describe(brokenBy.exitCode());
    }

    private TerminatedWorkerException terminated(WorkerGone gone, String message) {
        String text = message + ": worker pid " + gone.worker().pid() + " terminated abruptly with exit code "
                + ExitStatus.describe(gone.exitCode());
        Throwable cause = gone.remoteCause() != null ? gone.remoteCause()
                : new RemoteTraceback("worker pid " + gone.worker().pid() + " terminated abruptly with exit code "
                        + ExitStatus.describe(gone.exitCode()) + "\n");
        return new TerminatedWorkerException(text, gone.worker().pid(), gone.exitCode(), cause);
    }

    /**
     * CPython's {@code join_executor_internals} for a clean shutdown: one exit sentinel per worker, then wait (bounded)
     * until every worker has exited; stragglers are killed.
     */
    private void joinExecutorInternals() {
        int live = pool.processes.size();
        for (int i = 0; i < live; i++) {
            pool.callQueue.offer(ProcessPoolExecutor.SENTINEL); // room: nothing else is pending (issue 12456)
        }
        long deadline = System.nanoTime() + JOIN_WORKERS_TIMEOUT.toNanos();
        boolean killed = false;
        while (!pool.processes.isEmpty()) {
            long left = deadline - System.nanoTime();
            ManagerEvent event;
            try {
                event = left > 0 ? pool.inbox.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                event = null;
            }
            if (event instanceof WorkerGone gone) {
                pool.processes.remove(gone.worker().workerId);
            } else if (event == null) {
                if (killed) {
                    break;
                }
                killed = true;
                List<WorkerHandle> stragglers = new ArrayList<>(pool.processes.values());
                ProcessPoolExecutor.LOGGER.warn("{}: {} workers did not exit after shutdown; killing them", pool,
                        stragglers.size());
                for (WorkerHandle worker : stragglers) {
                    worker.killFor(WorkerHandle.STOPPED_FORCEFULLY);
                }
                deadline = System.nanoTime() + JOIN_WORKERS_TIMEOUT.toNanos();
            }
        }
        pool.callQueue.clear();
        pool.closeListener();
    }
}

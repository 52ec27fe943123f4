package dev.pyconcurrent.process.mppool;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pyconcurrent.futures.BrokenExecutorException;
import dev.pyconcurrent.futures.pool.GuardedTasks;
import dev.pyconcurrent.futures.pool.JobResult;
import dev.pyconcurrent.futures.pool.PoolState;

/**
 * The three daemon threads of a {@link ProcessPool}, each a loop over one queue.
 *
 * <p>CPython counterpart: the static methods {@code Pool._handle_workers}, {@code Pool._handle_tasks} and
 * {@code Pool._handle_results} of {@code Lib/multiprocessing/pool.py}, with the same division of labour:
 * <pre>
 *  worker handler:  change notifier ──▶ reap exited workers, start replacements; when done, None ──▶ task queue
 *  task handler:    task queue ──▶ in-queue (tasks, then one sentinel per worker); None ──▶ out-queue
 *  result handler:  out-queue ──▶ cache[job].set(i, ok, value) (callbacks run here)
 * </pre>
 * Where Java differs: CPython gives each thread its own {@code _state} attribute; here all three read the pool's
 * state, which carries the same information (the worker handler's CLOSE is the pool's CLOSE, and only
 * {@code terminate()} sets TERMINATE for the other two). The worker handler waits on its change notifier with a
 * bound of one second rather than on the workers' sentinels: a worker's exit is reported on the notifier by the
 * worker's own thread, and the bound only guards against a wake-up this design does not know of.
 */
final class PoolHandlers {
    private static final Logger LOGGER = LoggerFactory.getLogger("dev.pyconcurrent.process.mppool");

    private final ProcessPool pool;

    PoolHandlers(ProcessPool pool) {
        this.pool = pool;
    }

    /**
     * CPython {@code _handle_workers}: keep the pool populated while it runs, and while it is closed but jobs are
     * still unfinished (maxtasksperchild workers keep retiring until the last job is done); then tell the task
     * handler to finish.
     */
    void handleWorkers() {
        try {
            while (pool.state() == PoolState.RUN
                    || (!pool.cache().isEmpty() && pool.state() != PoolState.TERMINATE)) {
                pool.maintainPool();
                pool.changeNotifier().poll(1, TimeUnit.SECONDS);
                pool.changeNotifier().clear(); // CPython's _wait_for_updates drains the notifier
            }
        } catch (InterruptedException e) {
            LOGGER.error("worker handler of {} interrupted; exiting", pool);
        } catch (RuntimeException | Error e) {
            LOGGER.error("worker handler of {} failed", pool, e);
            pool.breakPool(new BrokenExecutorException("the worker handler of the pool failed", e));
        }
        pool.taskQueue().add(ProcessPool.SENTINEL);
    }

    /**
     * CPython {@code _handle_tasks}: forward each batch's tasks in order (reading lazy inputs here, so {@code imap}
     * returns at once), announce the batch's length, and after the sentinel send one sentinel per worker.
     */
    void handleTasks() {
        try {
            while (true) {
                Object o = pool.taskQueue().take();
                if (o == ProcessPool.SENTINEL) {
                    break;
                }
                if (!forward((PoolTask.Batch) o)) {
                    break; // terminated
                }
            }
        } catch (InterruptedException e) {
            LOGGER.error("task handler of {} interrupted; exiting", pool);
        }
        pool.outQueue().add(ProcessPool.SENTINEL); // tell the result handler to finish once the cache is empty
        for (int i = pool.workers().size(); i > 0; i--) {
            pool.inQueue().add(ProcessPool.SENTINEL); // no more work: every worker exits after what is queued
        }
    }

    /**
     * Moves one batch's tasks to the in-queue and announces its length. A buffered {@code imap} job (CPython main's
     * {@code buffersize}) whose buffer is full is parked at its gate instead: its consumer's next result puts it back
     * on the task queue, and this thread goes on with other jobs meanwhile (CPython's task handler blocks in the
     * semaphore). Its length is announced only when it really ends. After {@code shutdown()} no sentinel can
     * overtake a parked job: the worker handler sends it only once the cache, which still holds the job, is empty.
     *
     * @return false if the pool was terminated while forwarding
     */
    private boolean forward(PoolTask.Batch batch) throws InterruptedException {
        int count = 0;
        Iterator<PoolTask> tasks = batch.tasks();
        while (true) {
            while (tasks.hasNext()) {
                if (pool.state() == PoolState.TERMINATE) {
                    return false;
                }
                PoolTask task = tasks.next();
                count++;
                if (task.kind() == PoolTask.Kind.RERAISE) {
                    // _helper_reraises_exception, delivered here: the input's own exception, unwrapped.
                    pool.post(new ProcessPool.Outcome(task.job(), task.index(), false, task.arg()));
                } else if (!pool.isBroken()) {
                    pool.inQueue().put(task);
                }
            }
            if (!(tasks instanceof GuardedTasks.TaskStream<PoolTask> stream) || !stream.waitingForRoom()) {
                break;
            }
            if (stream.parkUntilRoom(() -> pool.taskQueue().add(batch))) {
                return true;
            } // else room appeared between hasNext() and park(): read on
        }
        if (batch.setLength() != null) {
            int length = tasks instanceof GuardedTasks.TaskStream<PoolTask> stream ? stream.produced() : count;
            batch.setLength().accept(length);
        }
        return true;
    }

    /**
     * CPython {@code _handle_results}: deliver every outcome to its job. After the task handler's sentinel, keep
     * delivering while jobs are unfinished; stop at once on terminate.
     */
    void handleResults() {
        boolean sentinelSeen = false;
        try {
            while (true) {
                int seen = takeAndDeliverOne();
                if (seen < 0) {
                    break; // terminated
                }
                sentinelSeen |= seen == 1;
                if (sentinelSeen && pool.cache().isEmpty()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            LOGGER.error("result handler of {} interrupted; exiting", pool);
        }
    }

    /**
     * One item of the out-queue. A method of its own so that the last outcome (a task's result) is not kept alive by
     * this thread's stack while it waits for the next (CPython's {@code task = job = obj = None}).
     *
     * @return -1 if the pool is terminating, 1 for the sentinel, 0 otherwise
     */
    private int takeAndDeliverOne() throws InterruptedException {
        Object o = pool.outQueue().take();
        if (pool.state() == PoolState.TERMINATE) {
            return -1;
        }
        if (o == ProcessPool.SENTINEL) {
            return 1;
        }
        if (o instanceof ProcessPool.Outcome) {
            ProcessPool.Outcome outcome = (ProcessPool.Outcome) o;
            JobResult job = pool.cache().get(outcome.job());
            if (job != null) { // CPython: except KeyError: pass (a terminated or broken job)
                job.set(outcome.index(), outcome.ok(), outcome.value());
            }
        } // else a wake-up: jobs may have left the cache without an outcome (a broken pool aborts them)
        return 0;
    }
}

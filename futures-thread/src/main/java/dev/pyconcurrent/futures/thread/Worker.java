package dev.pyconcurrent.futures.thread;

import java.lang.ref.WeakReference;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of one worker thread of a {@link ThreadPoolExecutor}.
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/thread.py: _worker} (main-line version, whose
 * {@code WorkerContext} holds the initializer). The worker holds its executor only through a weak reference, so an
 * executor nobody references can be collected; its cleaner then posts the sentinel and the workers exit once the
 * queued work is done (CPython's {@code weakref_cb}, {@code test_del_shutdown}).
 *
 * <h2>The loop's goals</h2>
 * <ol>
 *   <li>Run the initializer first; if it throws, log it, break the pool and exit.</li>
 *   <li>Take work without blocking when there is some; only when the queue is empty announce itself idle
 *       ({@code idleSemaphore.release()}) and then block, so {@code adjustThreadCount} reuses it instead of starting
 *       a thread (main-line CPython; older versions released after every item).</li>
 *   <li>Drop the work item right after running it (issue 16284: no stale references).</li>
 *   <li>On the sentinel, exit only if the JVM is exiting, the executor was collected or shut down; before exiting,
 *       mark the executor shut down and re-post the sentinel to wake the next worker (one sentinel wakes them all,
 *       in a chain).</li>
 * </ol>
 *
 * <h2>States</h2>
 * <pre>
 *   INITIALIZING -> RUNNING   initializer returned (or there is none)
 *   INITIALIZING -> EXITED    initializer threw: the pool is broken
 *   RUNNING -> IDLE           queue empty: idle semaphore released, blocking in take()
 *   IDLE -> RUNNING           took a work item
 *   RUNNING/IDLE -> EXITED    took the sentinel while shutting down
 * </pre>
 */
final class Worker implements Runnable {
    private static final Logger LOGGER = LoggerFactory.getLogger("dev.pyconcurrent.futures");

    private final WeakReference<ThreadPoolExecutor> executorRef;
    private final BlockingQueue<Object> workQueue;
    private final Semaphore idleSemaphore;
    /** Free slots of a bounded queue, or null when unbounded. */
    private final Semaphore queueSlots;
    private final Runnable initializer;

    Worker(ThreadPoolExecutor executor, BlockingQueue<Object> workQueue, Semaphore idleSemaphore,
           Semaphore queueSlots, Runnable initializer) {
        this.executorRef = new WeakReference<>(executor);
        this.workQueue = workQueue;
        this.idleSemaphore = idleSemaphore;
        this.queueSlots = queueSlots;
        this.initializer = initializer;
    }

    @Override
    public void run() {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                LOGGER.error("Exception in initializer:", t);
                ThreadPoolExecutor executor = executorRef.get();
                if (executor != null) {
                    executor.initializerFailed(t);
                }
                return;
            }
        }
        try {
            loop();
        } catch (InterruptedException e) {
            LOGGER.error("worker {} interrupted while idle; exiting", Thread.currentThread().getName());
        } catch (Throwable t) {
            LOGGER.error("Exception in worker", t);
        }
    }

    private void loop() throws InterruptedException {
        while (true) {
            Object item = workQueue.poll();
            if (item == null) {
                idleSemaphore.release();
                item = workQueue.take();
            }
            if (item != ThreadPoolExecutor.SENTINEL) {
                if (queueSlots != null) {
                    queueSlots.release(); // the item left the queue: a blocked submitter may go on
                }
                ((WorkItem<?>) item).run();
                item = null; // drop the call, its arguments and its future now (issue 16284)
                continue;
            }
            ThreadPoolExecutor executor = executorRef.get();
            if (InterpreterExit.shuttingDown || executor == null || executor.isShutdown()) {
                if (executor != null) {
                    executor.markShutdown();
                }
                workQueue.offer(ThreadPoolExecutor.SENTINEL);
                return;
            }
        }
    }
}

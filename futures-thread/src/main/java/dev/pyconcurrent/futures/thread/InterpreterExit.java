package dev.pyconcurrent.futures.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;

/**
 * The JVM-exit analogue of CPython's {@code _python_exit}: one shutdown hook for every thread pool in the JVM.
 *
 * <p>CPython counterpart: the module globals {@code _threads_queues}, {@code _shutdown} and
 * {@code _global_shutdown_lock}, and {@code _python_exit} (registered with {@code threading._register_atexit}) in
 * {@code Lib/concurrent/futures/thread.py}. When the JVM begins to shut down, the hook sets {@link #shuttingDown},
 * wakes every registered worker with the sentinel and joins it, so work that was already queued still runs to the
 * end before the JVM exits (CPython's {@code test_interpreter_shutdown}). Later submits fail with
 * {@code "cannot schedule new futures after interpreter shutdown"}.
 *
 * <h2>Why a global lock only here</h2>
 * CPython takes {@code _global_shutdown_lock} on every submit. Here the submit path only reads the volatile
 * {@link #shuttingDown}; the lock guards what really needs mutual exclusion: registering a <em>new worker thread</em>
 * versus the hook's snapshot of the registry. A thread registered before the snapshot is joined; a registration
 * after it sees {@code shuttingDown} (set under the same lock) and is refused, so no worker can escape the join. A
 * work item that races the flag is handled by the executor's post-enqueue check (see
 * {@link ThreadPoolExecutor#submit}).
 *
 * <h2>States</h2>
 * <pre>
 *   RUNNING -> SHUTTING_DOWN   the JVM runs its shutdown hooks (or the hook could not be installed because the JVM
 *                              was already shutting down when this class loaded)
 * </pre>
 */
final class InterpreterExit {
    /** CPython's global {@code _shutdown}. */
    static volatile boolean shuttingDown;

    /** CPython's {@code _global_shutdown_lock}. */
    private static final Object LOCK = new Object();
    /** CPython's {@code _threads_queues}: live worker thread → its pool's work queue. Guarded by {@link #LOCK}. */
    private static final Map<Thread, BlockingQueue<Object>> THREADS_QUEUES = new WeakHashMap<>();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(InterpreterExit::pythonExit, "ThreadPoolExecutor-exit"));
        } catch (IllegalStateException alreadyShuttingDown) {
            shuttingDown = true;
        }
    }

    private InterpreterExit() {
    }

    /**
     * Starts {@code worker} and records it, unless the JVM is already shutting down.
     *
     * @return false (and the thread is not started) if the JVM is shutting down
     */
    static boolean startAndRegister(Thread worker, BlockingQueue<Object> workQueue) {
        synchronized (LOCK) {
            if (shuttingDown) {
                return false;
            }
            THREADS_QUEUES.put(worker, workQueue);
            worker.start();
            return true;
        }
    }

    /** The hook body: flag, wake, join. */
    static void pythonExit() {
        List<Map.Entry<Thread, BlockingQueue<Object>>> items;
        synchronized (LOCK) {
            shuttingDown = true;
            items = new ArrayList<>(THREADS_QUEUES.entrySet());
        }
        for (Map.Entry<Thread, BlockingQueue<Object>> e : items) {
            e.getValue().offer(ThreadPoolExecutor.SENTINEL);
        }
        for (Map.Entry<Thread, BlockingQueue<Object>> e : items) {
            joinUnlessExiting(e.getKey());
        }
    }

    /**
     * Joins {@code t}, except when {@code t} itself called {@code System.exit} from inside a task: it is then parked
     * until the hooks finish, and joining it would deadlock the JVM exit (CPython has no such case, since
     * {@code sys.exit} in a worker only raises {@code SystemExit} there).
     */
    private static void joinUnlessExiting(Thread t) {
        try {
            while (t.isAlive()) {
                t.join(50);
                if (t.isAlive() && isInsideSystemExit(t)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isInsideSystemExit(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().equals("java.lang.Shutdown")) {
                return true;
            }
        }
        return false;
    }
}

package dev.pyconcurrent.process.pool;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * At JVM exit, shuts down every live pool and waits for its queued work, so a program that returns from
 * {@code main} without {@code shutdown()} still gets its results (and leaves no worker JVMs behind).
 *
 * <p>CPython counterpart: {@code Lib/concurrent/futures/process.py: _python_exit} (registered with
 * {@code threading._register_atexit}), which sets {@code _global_shutdown}, wakes every manager thread and joins
 * them. Java differs: it is a JVM shutdown hook, so it also runs on {@code System.exit} and SIGTERM; pools are held
 * weakly, as CPython's {@code _threads_wakeups} is a {@code WeakKeyDictionary}.
 */
final class PoolExitHook {
    private static final Map<ProcessPoolExecutor, Boolean> POOLS = Collections.synchronizedMap(new WeakHashMap<>());
    private static volatile boolean globalShutdown;
    private static boolean installed;

    private PoolExitHook() {
    }

    static void register(ProcessPoolExecutor pool) {
        synchronized (PoolExitHook.class) {
            if (!installed) {
                Runtime.getRuntime().addShutdownHook(new Thread(PoolExitHook::pythonExit,
                        "ProcessPoolExecutor-exit-hook"));
                installed = true;
            }
        }
        POOLS.put(pool, Boolean.TRUE);
    }

    static boolean globalShutdown() {
        return globalShutdown;
    }

    private static void pythonExit() {
        globalShutdown = true;
        ProcessPoolExecutor[] pools;
        synchronized (POOLS) {
            pools = POOLS.keySet().toArray(new ProcessPoolExecutor[0]);
        }
        for (ProcessPoolExecutor pool : pools) {
            pool.shutdown(true, false);
        }
    }
}

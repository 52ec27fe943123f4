package dev.pyconcurrent.process.pool;

/**
 * Child-JVM program of {@code ProcessPoolShutdownTest#jvmExitWaitsForQueuedWork}: submits a one-second task that
 * prints "apple" in the worker and returns from {@code main} without shutting the pool down (CPython's
 * {@code test_interpreter_shutdown} script).
 */
public final class ExitWithoutShutdownMain {
    private ExitWithoutShutdownMain() {
    }

    public static void main(String[] args) {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(1);
        pool.submit(() -> {
            PoolTasks.sleep(1000);
            System.out.println("apple");
            return null;
        });
    }
}

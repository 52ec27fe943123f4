package dev.pyconcurrent.process.pool;

import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.testing.AbstractExecutorContractTest;

/**
 * The shared executor contract of futures-core's test-jar ({@code executor.py::ExecutorTest} and the generic
 * {@code test_shutdown.py} rows), run against the process pool: CPython's {@code ProcessPoolSpawnExecutorTest}.
 * Each test gets a fresh pool of 5 workers (CPython's {@code worker_count}); workers start on demand, so most tests
 * start only one or two JVMs (one is started before each test, so CPython's sub-second timeouts measure the calls,
 * not a JVM start-up).
 */
class ProcessPoolExecutorContractTest extends AbstractExecutorContractTest {
    @Override
    protected Executor newExecutor(int maxWorkers) {
        ProcessPoolExecutor pool = new ProcessPoolExecutor(maxWorkers);
        // One worker started before the test: the contract's timeouts (e.g. map's 400 ms) are CPython's, where a
        // worker starts in ~50 ms; a worker JVM on a loaded 2-core machine can take longer than the whole timeout.
        pool.submit(PoolTasks.SQUARE, 1).result(PoolTasks.TIMEOUT);
        return pool;
    }
}

package dev.pyconcurrent.process.pool;

import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.testing.AbstractExecutorContractTest;

/**
 * The shared executor contract of futures-core's test-jar ({@code executor.py::ExecutorTest} and the generic
 * {@code test_shutdown.py} rows), run against the process pool: CPython's {@code ProcessPoolSpawnExecutorTest}.
 * Each test gets a fresh pool of 5 workers (CPython's {@code worker_count}); workers start on demand, so most tests
 * start only one or two JVMs.
 */
class ProcessPoolExecutorContractTest extends AbstractExecutorContractTest {
    @Override
    protected Executor newExecutor(int maxWorkers) {
        return new ProcessPoolExecutor(maxWorkers);
    }
}

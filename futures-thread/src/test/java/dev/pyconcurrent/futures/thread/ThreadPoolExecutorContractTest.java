package dev.pyconcurrent.futures.thread;

import dev.pyconcurrent.futures.Executor;
import dev.pyconcurrent.futures.testing.AbstractExecutorContractTest;

/**
 * Runs the shared executor contract (futures-core's {@link AbstractExecutorContractTest}, conformance 1.3) against
 * {@link ThreadPoolExecutor}; CPython's {@code ThreadPoolExecutorTest} and {@code ThreadPoolShutdownTest} instances
 * of {@code ExecutorTest}/{@code ExecutorShutdownTest}.
 */
class ThreadPoolExecutorContractTest extends AbstractExecutorContractTest {
    @Override
    protected Executor newExecutor(int maxWorkers) {
        return new ThreadPoolExecutor(maxWorkers);
    }
}

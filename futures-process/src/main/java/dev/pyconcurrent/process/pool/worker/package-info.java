/**
 * The worker side of the process pool: the program every worker JVM runs
 * ({@link dev.pyconcurrent.process.pool.worker.WorkerMain}, CPython's {@code _process_worker}) and the compact message
 * format it shares with the pool ({@link dev.pyconcurrent.process.pool.worker.Wire}). Public only because the pool
 * package uses it; not an API. Nothing here may touch a logging framework (worker start-up time).
 */
package dev.pyconcurrent.process.pool.worker;

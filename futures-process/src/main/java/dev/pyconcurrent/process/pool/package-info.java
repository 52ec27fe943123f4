/**
 * {@link dev.pyconcurrent.process.pool.ProcessPoolExecutor}: CPython's {@code concurrent.futures.ProcessPoolExecutor}
 * ({@code Lib/concurrent/futures/process.py}) on worker JVMs, with its work items, call queue, result queue and
 * executor manager thread ({@code CallQueueFeeder} gathers every way a call enters the call queue), plus
 * pebble/loky-style extras (cancel a running call, per-task timeout, replace crashed
 * workers, backpressure, a hop-by-hop trace). See the module README for the data-flow diagram and measured numbers.
 */
package dev.pyconcurrent.process.pool;

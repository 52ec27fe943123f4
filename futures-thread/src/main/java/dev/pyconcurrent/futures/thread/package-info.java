/**
 * Thread-backed executors: {@link dev.pyconcurrent.futures.thread.ThreadPoolExecutor} (CPython's
 * {@code Lib/concurrent/futures/thread.py}) with an optional bounded work queue, and
 * {@link dev.pyconcurrent.futures.thread.ThreadPool}, the {@link dev.pyconcurrent.futures.pool.Pool} API over threads
 * (CPython's {@code multiprocessing.dummy.Pool}, i.e. {@code Lib/multiprocessing/pool.py: ThreadPool}).
 *
 * <p>Private CPython names map to package-private classes: {@code _WorkItem} → {@code WorkItem}, {@code _worker} →
 * {@code Worker}, {@code _python_exit} and its globals → {@code InterpreterExit}, the pool's task tuples and
 * {@code _guarded_task_generation} → {@code PoolTasks}. See {@code futures-thread/README.md} for the design
 * (idle semaphore, sentinel, bounded-queue policies).
 */
package dev.pyconcurrent.futures.thread;

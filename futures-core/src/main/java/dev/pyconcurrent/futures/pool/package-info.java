/**
 * The {@code multiprocessing.Pool} surface shared by the thread-backed pool ({@code futures-thread}'s
 * {@code ThreadPool}, CPython's {@code multiprocessing.dummy.Pool}) and the process pool ({@code futures-process}), so
 * code written against {@link dev.pyconcurrent.futures.pool.Pool} runs on either unchanged.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py}. The result objects keep CPython's names:
 * {@link dev.pyconcurrent.futures.pool.ApplyResult}, {@link dev.pyconcurrent.futures.pool.MapResult},
 * {@link dev.pyconcurrent.futures.pool.IMapIterator} and {@link dev.pyconcurrent.futures.pool.IMapUnorderedIterator};
 * the pool states are {@link dev.pyconcurrent.futures.pool.PoolState}. Pool implementations fill results through
 * {@link dev.pyconcurrent.futures.pool.JobResult}, CPython's {@code _set(i, (success, value))} protocol. Both pools
 * extend {@link dev.pyconcurrent.futures.pool.AbstractPool}, the front half of CPython's {@code Pool} (jobs, cache,
 * chunking), and build their lazy task streams with {@link dev.pyconcurrent.futures.pool.GuardedTasks}; CPython main's
 * {@code imap(..., buffersize)} back-pressure is {@link dev.pyconcurrent.futures.pool.BufferGate}.
 */
package dev.pyconcurrent.futures.pool;

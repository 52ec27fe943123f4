/**
 * {@code multiprocessing.Pool} over worker JVMs: {@link dev.pyconcurrent.process.mppool.ProcessPool}, the process twin
 * of {@code dev.pyconcurrent.futures.thread.ThreadPool}, sharing its {@link dev.pyconcurrent.futures.pool.Pool}
 * interface and result types.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py} ({@code Pool}, {@code worker}, {@code MaybeEncodingError},
 * {@code _PoolCache}, the three handler threads). Map of the classes:
 * <ul>
 *   <li>{@link dev.pyconcurrent.process.mppool.ProcessPool}: the pool, its state and its life cycle
 *       ({@code Pool.__init__}, {@code apply_async}, {@code _map_async}, {@code imap}, {@code close},
 *       {@code terminate}/{@code _terminate_pool}, {@code join}).</li>
 *   <li>{@code PoolHandlers}: the worker handler, task handler and result handler threads.</li>
 *   <li>{@code PoolWorkers}: the pool's list of workers ({@code _pool}, {@code _repopulate_pool_static},
 *       {@code _join_exited_workers}) and the socket they connect to ({@code WorkerListener}).</li>
 *   <li>{@code PoolWorker}: the parent's view of one {@code PoolWorker-N} JVM and the thread that carries its
 *       tasks and results (CPython's worker reads the shared {@code _inqueue} itself).</li>
 *   <li>{@link dev.pyconcurrent.process.mppool.PoolWorkerMain}: the program the worker JVM runs ({@code worker()}).</li>
 *   <li>{@code PoolTask}, {@code PoolWire}: the {@code (job, i, func, args)} tasks and their bytes on the socket.</li>
 *   <li>{@link dev.pyconcurrent.process.mppool.MaybeEncodingException},
 *       {@link dev.pyconcurrent.process.mppool.WorkerLostException}: the failures a job can end with.</li>
 * </ul>
 */
package dev.pyconcurrent.process.mppool;

/**
 * Cross-process synchronization primitives, mirroring {@code Lib/multiprocessing/synchronize.py}:
 * {@link dev.pyconcurrent.ipc.sync.Lock}, {@link dev.pyconcurrent.ipc.sync.RLock},
 * {@link dev.pyconcurrent.ipc.sync.Semaphore}, {@link dev.pyconcurrent.ipc.sync.BoundedSemaphore},
 * {@link dev.pyconcurrent.ipc.sync.Condition}, {@link dev.pyconcurrent.ipc.sync.Event} and
 * {@link dev.pyconcurrent.ipc.sync.Barrier}. Each lives in the JVM that created it (a
 * {@code *Core} class holds the state, on {@code java.util.concurrent} locks) and is reached from
 * other processes through {@link dev.pyconcurrent.ipc.host}; pass one to a child as an argument and
 * it becomes a proxy there. A holder that dies has its acquisitions released by the host.
 */
package dev.pyconcurrent.ipc.sync;

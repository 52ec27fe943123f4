/**
 * Cross-process queues, mirroring {@code Lib/multiprocessing/queues.py}: {@link
 * dev.pyconcurrent.ipc.queues.Queue} (feeder thread, optional bound), {@link
 * dev.pyconcurrent.ipc.queues.JoinableQueue} ({@code taskDone}/{@code join}) and {@link
 * dev.pyconcurrent.ipc.queues.SimpleQueue} (no feeder). Each queue lives in the JVM that created it
 * and is reached from other processes through {@link dev.pyconcurrent.ipc.host}; pass a queue to a
 * child process as an argument and it becomes a proxy there. {@code Queue.shutdown(immediate)} and
 * {@link dev.pyconcurrent.ipc.queues.QueueShutDownException} follow CPython's main branch
 * ({@code queue.ShutDown}); released CPython versions have no multiprocessing queue shut-down.
 */
package dev.pyconcurrent.ipc.queues;

/**
 * The resource host: how this JVM's shared objects (queues, locks, values) are reached from other
 * processes, and how they reach this JVM's proxies.
 *
 * <p>The JDK cannot pass file descriptors to a child process (no fork inheritance, no
 * {@code SCM_RIGHTS}) and has no POSIX semaphores, so CPython's design for
 * {@code multiprocessing.Queue}/{@code Lock} (an inherited pipe plus named semaphores) is not
 * available. This package uses the design CPython uses for manager proxies
 * ({@code Lib/multiprocessing/managers.py}): the object lives in one process, the
 * {@link dev.pyconcurrent.ipc.host.ResourceHost}, and other processes call it over authenticated
 * Unix-socket connections ({@link dev.pyconcurrent.ipc.host.HostChannel} for request/reply,
 * {@link dev.pyconcurrent.ipc.host.HostStream} for one-way item streaming). The host JVM itself uses
 * the objects directly. See {@code futures-ipc/docs/queues-sync-shared.md} for the full picture.
 */
package dev.pyconcurrent.ipc.host;

/**
 * Shared memory, mirroring {@code Lib/multiprocessing/sharedctypes.py}:
 * {@link dev.pyconcurrent.ipc.shared.Value} and {@link dev.pyconcurrent.ipc.shared.Array} over a
 * memory-mapped file ({@code /dev/shm} when present) laid out by
 * {@link dev.pyconcurrent.ipc.shared.SharedLayout}, with {@link java.lang.invoke.VarHandle} access
 * whose memory order the method names state, and an optional cross-process lock.
 */
package dev.pyconcurrent.ipc.shared;

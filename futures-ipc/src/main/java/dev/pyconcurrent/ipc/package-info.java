/**
 * Inter-process communication, mirroring {@code Lib/multiprocessing}: message connections, pipes,
 * listeners and clients with CPython's framing and HMAC handshake live in
 * {@link dev.pyconcurrent.ipc.connection}; the pluggable serializers (the pickle analogue) in
 * {@link dev.pyconcurrent.ipc.serialization}. Queues and cross-process synchronization primitives
 * are added in further packages of this module (issue 5).
 */
package dev.pyconcurrent.ipc;

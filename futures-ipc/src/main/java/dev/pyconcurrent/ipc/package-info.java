/**
 * Inter-process communication: Connection/Pipe, serializers, Listener/Client, queues, sync primitives, shared memory; mirrors Lib/multiprocessing. (Being built: see issues 4 and 5.)
 */
package dev.pyconcurrent.ipc;

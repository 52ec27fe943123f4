/**
 * The other end of the cross-process workloads: library children (a {@code Process} subclass connecting back),
 * the raw-socket child (a plain JVM), {@code Hello}, and the pinned ping-pong main.
 */
package dev.pyconcurrent.benchmarks.children;

/**
 * JMH microbenchmarks of the hot paths, run with {@code ./benchmarks/run jmh [JMH options]}: future hand-off,
 * thread pool submit→result, Connection round trip, Queue put→get across processes, process pool submit→result.
 * Defaults are short (1 fork, 2 × 1 s warm-up, 3 × 1 s measurement); pass JMH options for longer runs.
 */
package dev.pyconcurrent.benchmarks.jmh;

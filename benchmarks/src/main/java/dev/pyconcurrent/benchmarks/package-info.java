/**
 * Benchmarks of pyconcurrent-java against CPython 3.11 on the same machine in the same run
 * ({@link dev.pyconcurrent.benchmarks.BenchmarkMain}, {@code ./benchmarks/run}) and JMH microbenchmarks of the hot
 * paths ({@code ./benchmarks/run jmh}). Results: {@code docs/benchmarks.md}.
 */
package dev.pyconcurrent.benchmarks;

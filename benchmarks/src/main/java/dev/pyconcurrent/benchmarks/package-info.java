/**
 * JMH microbenchmarks and side-by-side runs against CPython. (Being built: see issue 8.)
 */
package dev.pyconcurrent.benchmarks;

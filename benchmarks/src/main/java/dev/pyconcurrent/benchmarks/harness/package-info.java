/**
 * The side-by-side harness: options, the CPython driver, the alternation loop, rows with targets, and the
 * markdown/PNG report. No CPython counterpart (it measures both).
 */
package dev.pyconcurrent.benchmarks.harness;

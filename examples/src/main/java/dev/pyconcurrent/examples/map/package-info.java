/**
 * Scenario of article 003 ("ProcessPoolExecutor.map"): {@code map} with a timeout that cancels what is left, and
 * the ten serialize → socket → deserialize steps of a map made visible in the processes where they happen.
 */
package dev.pyconcurrent.examples.map;

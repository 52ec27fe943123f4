/**
 * Scenarios of articles 000/001 ("Introduction and internal principles of Python's concurrent.futures"):
 * the thread pool, the process pool, the Future as a result pit, the task queue, the unbounded-queue
 * warning and the process pool's six-step data flow.
 */
package dev.pyconcurrent.examples.futures;

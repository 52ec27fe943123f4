/**
 * Scenarios of article 002 (the multiprocessing walkthrough): fork/spawn, Process, Pool, Queue,
 * JoinableQueue, Value/Array, Pipe, Manager, the synchronisation primitives, multiprocessing.dummy and
 * the concurrent.futures API tour.
 */
package dev.pyconcurrent.examples.multiprocessing;

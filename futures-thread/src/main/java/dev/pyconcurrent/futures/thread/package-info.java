/**
 * ThreadPoolExecutor and the thread-backed Pool; mirrors Lib/concurrent/futures/thread.py and Lib/multiprocessing/dummy. (Being built: see issue 3.)
 */
package dev.pyconcurrent.futures.thread;

/**
 * Child JVM processes, ProcessPoolExecutor, Pool and Manager; mirrors Lib/multiprocessing/process.py and Lib/concurrent/futures/process.py. (Being built: see issue 6.)
 */
package dev.pyconcurrent.process;

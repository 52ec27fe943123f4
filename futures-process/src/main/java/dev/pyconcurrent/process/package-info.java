/**
 * Child JVM processes: {@link dev.pyconcurrent.process.Process}, CPython's {@code multiprocessing.Process}, with the
 * <em>spawn</em> start method. Mirrors {@code Lib/multiprocessing/process.py} ({@code BaseProcess},
 * {@code _MainProcess}, {@code _ParentProcess}, {@code current_process}, {@code parent_process},
 * {@code active_children}). The spawning machinery itself ({@code popen_spawn_posix.py}, {@code spawn.py}) lives in
 * {@link dev.pyconcurrent.process.spawn}, reusable by the process pool.
 *
 * <p>Nothing in this package initialises a logging framework: these classes are loaded by every child JVM on its
 * start-up path.
 */
package dev.pyconcurrent.process;

/**
 * Starting child JVMs and talking to them at birth and death: CPython's {@code Lib/multiprocessing/spawn.py} and
 * {@code popen_spawn_posix.py}.
 *
 * <ul>
 *   <li>{@link dev.pyconcurrent.process.spawn.ChildJvmLauncher}: command line + start + send the
 *       {@link dev.pyconcurrent.process.spawn.SpawnFrame} over the child's stdin;</li>
 *   <li>{@link dev.pyconcurrent.process.spawn.ChildBootstrap}: the child's tiny {@code main}; runs a
 *       {@link dev.pyconcurrent.process.spawn.ChildEntryPoint};</li>
 *   <li>{@link dev.pyconcurrent.process.spawn.ChildJvm}: the parent's handle (pid, exit code, sentinel,
 *       terminate/kill);</li>
 *   <li>{@link dev.pyconcurrent.process.spawn.ExitReport} and {@link dev.pyconcurrent.process.spawn.ExitStatus}:
 *       CPython's {@code -signal} exit codes despite the JVM's {@code 128+signal};</li>
 *   <li>{@link dev.pyconcurrent.process.spawn.ParentWatcher}: the child notices its parent's death (EOF on stdin).</li>
 * </ul>
 * A process pool reuses this layer with its own entry point:
 * {@code ChildJvmLauncher.launch(myWorkerEntryPoint, SpawnOptions.builder().exitWithParent(true).build(), "worker")}.
 */
package dev.pyconcurrent.process.spawn;

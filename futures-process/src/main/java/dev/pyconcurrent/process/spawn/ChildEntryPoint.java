package dev.pyconcurrent.process.spawn;

import java.io.Serializable;

/**
 * What {@link ChildBootstrap} runs in a freshly spawned JVM: the deserialized payload.
 *
 * <p>Mirrors the object {@code Lib/multiprocessing/spawn.py: _main} unpickles and then calls
 * {@code self._bootstrap(parent_sentinel)} on. In CPython that is always a {@code BaseProcess}; here anything
 * serializable may be the entry point, so a process pool worker (or any other child program) can reuse the spawning
 * machinery with its own entry point.
 */
@FunctionalInterface
public interface ChildEntryPoint extends Serializable {
    /**
     * Runs in the child. The returned value is the exit status the JVM leaves with, after its other non-daemon
     * threads finished (CPython's {@code threading._shutdown} before {@code sys.exit(exitcode)}).
     *
     * @param context facts about the parent and the parent-death sentinel
     */
    int runInChild(ChildContext context);
}

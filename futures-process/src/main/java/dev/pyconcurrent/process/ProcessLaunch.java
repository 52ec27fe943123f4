package dev.pyconcurrent.process;

import dev.pyconcurrent.process.spawn.ChildContext;
import dev.pyconcurrent.process.spawn.ChildEntryPoint;

/**
 * The payload of a {@link Process}'s child JVM: the process object itself, run through its bootstrap.
 *
 * <p>Mirrors what {@code Lib/multiprocessing/spawn.py: _main} does with the unpickled process object:
 * {@code self._bootstrap(parent_sentinel)}. A separate class keeps {@code runInChild} off {@link Process}'s public
 * surface.
 */
final class ProcessLaunch implements ChildEntryPoint {
    private static final long serialVersionUID = 1L;

    private final Process process;

    ProcessLaunch(Process process) {
        this.process = process;
    }

    @Override
    public int runInChild(ChildContext context) {
        return process.bootstrap(new ParentProcess(process.parentName(), context));
    }
}

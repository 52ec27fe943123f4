package dev.pyconcurrent.process;

import dev.pyconcurrent.process.spawn.ChildContext;

import java.util.concurrent.CompletableFuture;

/**
 * {@link Process#parentProcess()} inside a child: the parent's name and pid, alive until the spawn pipe hits EOF.
 *
 * <p>Mirrors {@code Lib/multiprocessing/process.py: _ParentProcess}, whose {@code is_alive()} polls the
 * {@code parent_sentinel}. Differences: {@code join()} on it throws ("can only join a child process") where CPython
 * waits for the sentinel; use {@link Process#sentinel()} instead, which completes (with {@code null}) when the parent
 * is gone.
 */
final class ParentProcess extends Process implements Process.SpecialProcess {
    private static final long serialVersionUID = 1L;

    private final long pid;
    private final transient ChildContext context;

    ParentProcess(String name, ChildContext context) {
        super(new int[0], name, -1, null, new byte[0]);
        this.pid = context.parentPid();
        this.context = context;
    }

    boolean parentAlive() {
        return context != null && context.isParentAlive();
    }

    CompletableFuture<Integer> parentSentinel() {
        if (context == null) {
            return CompletableFuture.completedFuture(null);
        }
        return context.parentGone().thenApply(gone -> null);
    }

    long parentPidOfView() {
        return pid;
    }
}

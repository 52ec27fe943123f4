package dev.pyconcurrent.process.spawn;

import java.util.concurrent.CompletableFuture;

/**
 * What a {@link ChildEntryPoint} learns about its parent from the spawn frame.
 *
 * <p>Mirrors the arguments of {@code Lib/multiprocessing/process.py: BaseProcess._bootstrap(parent_sentinel)} plus the
 * parent pid that CPython carries inside the pickled process object.
 */
public final class ChildContext {
    private final long parentPid;
    private final ParentWatcher watcher;

    ChildContext(long parentPid, ParentWatcher watcher) {
        this.parentPid = parentPid;
        this.watcher = watcher;
    }

    public long parentPid() {
        return parentPid;
    }

    /** True until the spawn pipe hit EOF (parent dead, or it gave up the child). */
    public boolean isParentAlive() {
        return watcher.isParentAlive();
    }

    /** Completes when the parent is gone: CPython's {@code parent_sentinel}. */
    public CompletableFuture<Void> parentGone() {
        return watcher.parentGone();
    }
}

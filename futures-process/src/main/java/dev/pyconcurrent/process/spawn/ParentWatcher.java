package dev.pyconcurrent.process.spawn;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Child side: notices the parent's death by EOF on the spawn pipe (the child's stdin).
 *
 * <p>Mirrors the {@code parent_sentinel} of {@code Lib/multiprocessing/spawn.py: spawn_main} and
 * {@code process.py: _ParentProcess}: the parent keeps its write end open for as long as it lives, the kernel closes
 * it when the parent dies (even by SIGKILL), and the child sees EOF. CPython only uses it to answer
 * {@code parent_process().is_alive()}; here it also enforces the orphan policy: a child started with
 * {@code exitWithParent} exits (status 128+SIGTERM, running its shutdown hooks so that <em>its</em> daemon children
 * are terminated in turn) as soon as the parent is gone.
 *
 * <p>One daemon thread blocked in {@code read()}; nothing is polled.
 *
 * <p><b>Why a {@link FileChannel} and a shutdown hook.</b> HotSpot's exit path waits up to ~300 ms for Java threads
 * that are inside native code, and a thread blocked in a plain {@code FileInputStream.read} is exactly that: every
 * child exit took 300 ms longer (measured: 90 ms to ready, 400 ms to exit). A {@code FileChannel} read is
 * interruptible, so a shutdown hook interrupts the watcher, its read returns at once, and the JVM exits promptly.
 */
public final class ParentWatcher {
    /** Status a child exits with when its parent died: what a SIGTERM'd JVM would report. */
    public static final int PARENT_GONE_EXIT_STATUS = 128 + ExitStatus.SIGTERM;

    private final CompletableFuture<Void> parentGone = new CompletableFuture<>();
    /** Set by the shutdown hook before it interrupts the watcher: the read ends because we leave, not the parent. */
    private volatile boolean leaving;

    private ParentWatcher() {
    }

    /**
     * Starts watching {@code spawnPipe} (must be the raw stdin, after the spawn frame was read).
     *
     * @param exitWithParent whether to exit this JVM when the parent is gone
     */
    public static ParentWatcher start(FileInputStream spawnPipe, boolean exitWithParent) {
        ParentWatcher watcher = new ParentWatcher();
        FileChannel channel = spawnPipe.getChannel();
        // Anonymous classes, not lambdas: this runs on every child's start path, and a JVM's first lambda costs a
        // bootstrap of the lambda machinery (milliseconds) that the main thread should not pay here.
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                watcher.watch(channel, exitWithParent);
            }
        }, "pyconcurrent-parent-watcher");
        thread.setDaemon(true);
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                watcher.leaving = true;
                thread.interrupt();
            }
        }, "pyconcurrent-parent-watcher-stop"));
        thread.start();
        return watcher;
    }

    private void watch(FileChannel pipe, boolean exitWithParent) {
        ByteBuffer sink = ByteBuffer.allocate(64);
        try {
            // The parent never writes after the frame; anything read is ignored. Only EOF (or an error) matters.
            while (pipe.read(sink) >= 0) {
                sink.clear();
            }
        } catch (IOException e) {
            // ClosedByInterruptException: this JVM is leaving (see the hook). Anything else: the pipe broke,
            // which means the same as EOF.
            if (leaving) {
                return;
            }
        }
        ExitReport.abandon();
        parentGone.complete(null);
        if (exitWithParent) {
            Runtime.getRuntime().exit(PARENT_GONE_EXIT_STATUS);
        }
    }

    /** True until EOF was seen on the spawn pipe. */
    public boolean isParentAlive() {
        return !parentGone.isDone();
    }

    /** Completes when the parent is gone (a copy: completing it does not fake the parent's death). */
    public CompletableFuture<Void> parentGone() {
        return parentGone.copy();
    }
}

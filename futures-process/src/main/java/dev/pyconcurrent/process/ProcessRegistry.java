package dev.pyconcurrent.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This JVM's process-wide bookkeeping: who am I, who is my parent, which children did I start.
 *
 * <p>Mirrors the module globals of {@code Lib/multiprocessing/process.py} ({@code _current_process},
 * {@code _parent_process}, {@code _process_counter}, {@code _children}, {@code _cleanup}) and the exit handling of
 * {@code util.py: _exit_function}. In CPython a spawned child resets these in {@code _bootstrap}; here a child JVM
 * starts with fresh statics anyway, and {@link #becomeChild} installs the deserialized process as the current one.
 *
 * <p>Exit handling (CPython terminates daemonic children, then joins all children, in an atexit handler):
 * <ul>
 *   <li>daemon children: a JVM shutdown hook sends them SIGTERM and waits up to {@link #DAEMON_EXIT_GRACE} for them;
 *       if the parent dies without running hooks (SIGKILL), the children notice EOF on their stdin and exit;</li>
 *   <li>non-daemon children: each has a non-daemon watcher thread, so the JVM does not leave {@code main} before
 *       they end. On {@code System.exit} or a signal the JVM does not wait for them (a shutdown hook that waits for
 *       arbitrary work would make the parent unkillable by SIGTERM); they keep running and finish their target,
 *       as CPython's non-daemon orphans do.</li>
 * </ul>
 */
final class ProcessRegistry {
    /** How long the parent's shutdown hook waits for SIGTERM'd daemon children before leaving. */
    static final Duration DAEMON_EXIT_GRACE = Duration.ofSeconds(1);

    /** Numbers the processes this JVM creates: the last component of their identity ({@code Process-1:2}). */
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Started children, removed once they are seen to have exited (CPython's {@code _children}). */
    private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();

    private static volatile Process current;
    private static volatile Process parent;
    private static volatile boolean exitHookInstalled;

    private ProcessRegistry() {
    }

    /** CPython's {@code current_process()}: the MainProcess in a JVM not started by us, else the child's own object. */
    static Process current() {
        Process me = current;
        if (me != null) {
            return me;
        }
        synchronized (ProcessRegistry.class) {
            if (current == null) {
                current = new MainProcess();
            }
            return current;
        }
    }

    static Process parent() {
        return parent;
    }

    /** Called once in a child JVM, before the target runs (CPython's start of {@code _bootstrap}). */
    static void becomeChild(Process self, Process parentView) {
        synchronized (ProcessRegistry.class) {
            current = self;
            parent = parentView;
        }
    }

    static int nextCount() {
        return COUNTER.incrementAndGet();
    }

    static void addChild(Process child) {
        installExitHook();
        CHILDREN.add(child);
    }

    static void removeChild(Process child) {
        CHILDREN.remove(child);
    }

    /** CPython's {@code _cleanup}: forget children that have exited. */
    static void cleanup() {
        CHILDREN.removeIf(Process::hasExitedQuietly);
    }

    static List<Process> activeChildren() {
        cleanup();
        return new ArrayList<>(CHILDREN);
    }

    private static void installExitHook() {
        if (exitHookInstalled) {
            return;
        }
        synchronized (ProcessRegistry.class) {
            if (!exitHookInstalled) {
                Runtime.getRuntime().addShutdownHook(
                        new Thread(ProcessRegistry::terminateDaemonChildren, "pyconcurrent-process-exit"));
                exitHookInstalled = true;
            }
        }
    }

    private static void terminateDaemonChildren() {
        List<Process> daemons = new ArrayList<>();
        for (Process child : activeChildren()) {
            if (child.isDaemon()) {
                child.terminateQuietly();
                daemons.add(child);
            }
        }
        long deadline = System.nanoTime() + DAEMON_EXIT_GRACE.toNanos();
        for (Process child : daemons) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            child.awaitExitQuietly(Duration.ofNanos(left));
        }
    }
}

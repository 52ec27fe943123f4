package dev.pyconcurrent.process.manager;

/**
 * A manager's life cycle, shared with the proxies it makes (so a proxy whose manager was shut down skips the
 * {@code decref}).
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/managers.py: State} ({@code INITIAL}, {@code STARTED},
 * {@code SHUTDOWN}). Transitions:
 * <pre>
 *   INITIAL --start() (server process reported its address) / connect() (server answered)--&gt; STARTED
 *   STARTED --shutdown() / close() / JVM exit--&gt; SHUTDOWN (terminal)
 *   INITIAL --shutdown()--&gt; SHUTDOWN (nothing to stop)
 * </pre>
 */
final class ManagerState {
    static final int INITIAL = 0;
    static final int STARTED = 1;
    static final int SHUTDOWN = 2;

    volatile int value = INITIAL;

    boolean isStarted() {
        return value == STARTED;
    }

    static String name(int value) {
        return switch (value) {
            case INITIAL -> "INITIAL";
            case STARTED -> "STARTED";
            default -> "SHUTDOWN";
        };
    }
}

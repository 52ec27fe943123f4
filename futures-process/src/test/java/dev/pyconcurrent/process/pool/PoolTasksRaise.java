package dev.pyconcurrent.process.pool;

/** A named method so the remote stack trace has a recognisable frame (CPython's test_traceback raises in raise_error). */
final class PoolTasksRaise {
    private PoolTasksRaise() {
    }

    static Object raise123() {
        throw new IllegalArgumentException("123");
    }
}

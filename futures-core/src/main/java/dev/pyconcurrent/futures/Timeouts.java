package dev.pyconcurrent.futures;

import java.time.Duration;

/** Conversions between CPython-style optional timeouts ({@code null} = no limit) and nanosecond deadlines. */
final class Timeouts {
    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    private Timeouts() {
    }

    /** @return the duration in nanoseconds, saturated at {@code Long.MAX_VALUE}; negative stays negative */
    static long toNanos(Duration timeout) {
        return timeout.compareTo(MAX_NANOS) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
    }

    /** @return a monotonic deadline ({@link System#nanoTime()} based); meaningless if {@code timeout} is null */
    static long deadline(Duration timeout) {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        long nanos = toNanos(timeout);
        long deadline = now + nanos;
        // Saturate on overflow: an enormous timeout behaves like "no limit in practice".
        return (nanos > 0 && deadline - now < 0) ? now + Long.MAX_VALUE : deadline;
    }

    /** @return "100 ms" / "2.5 s" for messages */
    static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(java.util.Locale.ROOT, "%.3f s", timeout.toNanos() / 1e9);
    }
}

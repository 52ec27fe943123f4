package dev.pyconcurrent.futures;

import java.time.Duration;

/** Conversions between CPython-style optional timeouts ({@code null} = no limit) and nanosecond deadlines. */
final class Timeouts {
    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    private Timeouts() {
    }

    /**
     * @return the duration in nanoseconds, saturated at {@code Long.MAX_VALUE}; a negative timeout becomes 0
     *         ("only check", as CPython treats it), which also keeps deadline arithmetic from wrapping
     */
    static long toNanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0L;
        }
        return timeout.compareTo(MAX_NANOS) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
    }

    /**
     * @return a monotonic deadline ({@link System#nanoTime()} based); meaningless if {@code timeout} is null.
     *         The sum may wrap around; callers only ever compute {@code deadline - System.nanoTime()}, which modular
     *         arithmetic keeps correct for any timeout up to {@code Long.MAX_VALUE} nanoseconds (292 years).
     */
    static long deadline(Duration timeout) {
        return timeout == null ? Long.MAX_VALUE : System.nanoTime() + toNanos(timeout);
    }

    /** @return "100 ms" below one second, else "2.500 s", for messages */
    static String describe(Duration timeout) {
        if (!timeout.isNegative() && timeout.compareTo(Duration.ofSeconds(1)) < 0) {
            return timeout.toMillis() + " ms";
        }
        return String.format(java.util.Locale.ROOT, "%.3f s", timeout.getSeconds() + timeout.getNano() / 1e9);
    }
}

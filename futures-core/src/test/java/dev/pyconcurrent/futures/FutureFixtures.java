package dev.pyconcurrent.futures;

import java.io.IOException;

/**
 * Builds a {@link Future} in any of its states, for tests of this module and of the pool modules (published in the
 * futures-core test-jar).
 *
 * <p>CPython counterpart: {@code Lib/test/test_concurrent_futures/util.py: create_future} and the fixtures
 * {@code PENDING_FUTURE}, {@code RUNNING_FUTURE}, {@code CANCELLED_FUTURE}, {@code CANCELLED_AND_NOTIFIED_FUTURE},
 * {@code EXCEPTION_FUTURE} and {@code SUCCESSFUL_FUTURE}. CPython pokes private fields; Java drives the public
 * transitions instead, so every fixture is reachable by a real executor too. Each call returns a new future, since
 * futures with waiters installed must not be shared between tests.
 */
public final class FutureFixtures {
    /** The result of {@link #successful()}, as in CPython's {@code SUCCESSFUL_FUTURE}. */
    public static final int RESULT = 42;

    private FutureFixtures() {
    }

    /** @return a PENDING future */
    public static <T> Future<T> pending() {
        return new Future<>();
    }

    /** @return a RUNNING future */
    public static <T> Future<T> running() {
        Future<T> f = new Future<>();
        f.setRunningOrNotifyCancel();
        return f;
    }

    /** @return a CANCELLED future whose cancellation no executor has noticed yet */
    public static <T> Future<T> cancelled() {
        Future<T> f = new Future<>();
        f.cancel();
        return f;
    }

    /** @return a CANCELLED_AND_NOTIFIED future */
    public static <T> Future<T> cancelledAndNotified() {
        Future<T> f = cancelled();
        f.setRunningOrNotifyCancel();
        return f;
    }

    /** @return a FINISHED future holding {@link #RESULT} */
    public static Future<Integer> successful() {
        return finishedWith(RESULT);
    }

    /** @return a FINISHED future holding a fresh {@link IOException} (CPython's {@code OSError()}) */
    public static <T> Future<T> failed() {
        return failedWith(new IOException());
    }

    /** @param value the result @return a FINISHED future holding {@code value} */
    public static <T> Future<T> finishedWith(T value) {
        Future<T> f = running();
        f.setResult(value);
        return f;
    }

    /** @param failure the exception @return a FINISHED future holding {@code failure} */
    public static <T> Future<T> failedWith(Throwable failure) {
        Future<T> f = running();
        f.setException(failure);
        return f;
    }

    /**
     * @param state the wanted state; FINISHED gives {@link #successful()}-like result 42
     * @return a new future in {@code state}
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<T> inState(FutureState state) {
        return switch (state) {
            case PENDING -> pending();
            case RUNNING -> running();
            case CANCELLED -> cancelled();
            case CANCELLED_AND_NOTIFIED -> cancelledAndNotified();
            case FINISHED -> (Future<T>) successful();
        };
    }
}

package dev.pyconcurrent.futures;

/**
 * When {@link Futures#wait(Iterable, java.time.Duration, ReturnWhen)} returns.
 *
 * <p>CPython counterpart: the constants {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and
 * {@code ALL_COMPLETED} of {@code Lib/concurrent/futures/_base.py}. CPython's private fourth value
 * {@code _AS_COMPLETED} is not needed here: {@code asCompleted} builds its waiter directly. Because this is an
 * enum, CPython's {@code ValueError("Invalid return condition")} cannot happen in Java.
 */
public enum ReturnWhen {
    /** Return as soon as any future finishes or is cancelled (and the cancellation was noticed). */
    FIRST_COMPLETED,
    /** Return when any future finishes by raising; behaves like {@link #ALL_COMPLETED} if none raises. */
    FIRST_EXCEPTION,
    /** Return when every future is finished or cancelled-and-notified. */
    ALL_COMPLETED
}

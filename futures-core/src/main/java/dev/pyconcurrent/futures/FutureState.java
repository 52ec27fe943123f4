package dev.pyconcurrent.futures;

/**
 * The five states of a {@link Future}, named exactly as CPython names them.
 *
 * <p>CPython counterpart: the module constants {@code PENDING}, {@code RUNNING}, {@code CANCELLED},
 * {@code CANCELLED_AND_NOTIFIED} and {@code FINISHED} of {@code Lib/concurrent/futures/_base.py}, together
 * with {@code _STATE_TO_DESCRIPTION_MAP} (see {@link #description()}). Java differs only in using an enum
 * instead of string constants, so a typo is a compile error rather than a silent new state.
 *
 * <p>The legal transitions are listed on {@link Future}.
 */
public enum FutureState {
    /** Created by an executor, not yet picked up by a worker. */
    PENDING("pending"),
    /** A worker called {@link Future#setRunningOrNotifyCancel()} and is executing the call. */
    RUNNING("running"),
    /** {@link Future#cancel()} succeeded, but the executor has not yet noticed (waiters not told). */
    CANCELLED("cancelled"),
    /** The executor noticed the cancellation and told every waiter of {@code wait}/{@code asCompleted}. */
    CANCELLED_AND_NOTIFIED("cancelled"),
    /** A result or an exception is stored. */
    FINISHED("finished");

    private final String description;

    FutureState(String description) {
        this.description = description;
    }

    /**
     * The lower-case word CPython prints in a future's repr; both cancelled states print {@code cancelled}.
     *
     * @return {@code pending}, {@code running}, {@code cancelled} or {@code finished}
     */
    public String description() {
        return description;
    }
}

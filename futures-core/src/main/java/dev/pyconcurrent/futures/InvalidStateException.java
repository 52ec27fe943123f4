package dev.pyconcurrent.futures;

/**
 * An executor tried an illegal state change on a {@link Future}, e.g. setting a result twice.
 *
 * <p>CPython counterpart: {@code concurrent.futures.InvalidStateError} ({@code Lib/concurrent/futures/_base.py}).
 * The message has CPython's shape {@code "<STATE>: <future description>"}, for example
 * {@code FINISHED: Future@1b6d3586 state=finished returned Integer}. Java differs in extending
 * {@link IllegalStateException}, the JDK's name for exactly this mistake.
 */
public class InvalidStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the state and the future, as built by {@link Future}
     */
    public InvalidStateException(String message) {
        super(message);
    }
}

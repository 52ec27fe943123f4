package dev.pyconcurrent.futures;

/**
 * A bounded wait ran out: {@link Future#result(java.time.Duration)}, {@link Future#exception(java.time.Duration)},
 * {@link Futures#asCompleted} or an {@link Executor#map} iterator.
 *
 * <p>CPython counterpart: {@code concurrent.futures.TimeoutError}, which since Python 3.11 is the builtin
 * {@code TimeoutError}. Java differs: {@link java.util.concurrent.TimeoutException} is checked, so this unchecked
 * exception is used by the Python-style API; {@link Future#get(long, java.util.concurrent.TimeUnit)} keeps the
 * checked one as its contract demands. The message says how long was waited or, for {@code asCompleted}, how many
 * of how many futures were unfinished (CPython's {@code "2 (of 4) futures unfinished"}).
 */
public class FutureTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what did not finish in time
     */
    public FutureTimeoutException(String message) {
        super(message);
    }
}

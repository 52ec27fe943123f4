package dev.pyconcurrent.futures;

import java.util.concurrent.CancellationException;

/**
 * Thrown by {@link Future#result()} and {@link Future#exception()} when the future was cancelled.
 *
 * <p>CPython counterpart: {@code concurrent.futures.CancelledError} ({@code Lib/concurrent/futures/_base.py}).
 * It extends {@link CancellationException} so that code written against {@link java.util.concurrent.Future}
 * (which catches {@code CancellationException} from {@code get()}) handles it unchanged.
 */
public class CancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was cancelled, e.g. the future's description
     */
    public CancelledException(String message) {
        super(message);
    }
}

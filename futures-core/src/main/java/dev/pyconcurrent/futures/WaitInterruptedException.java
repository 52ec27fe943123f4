package dev.pyconcurrent.futures;

/**
 * A thread blocked in a Python-style wait ({@link Future#result()}, {@link Futures#wait}, {@link Futures#asCompleted},
 * a map iterator) was interrupted. The thread's interrupt flag is set again before this is thrown, and the
 * {@link InterruptedException} is the cause.
 *
 * <p>CPython counterpart: none; a CPython wait can only be broken by a signal handler raising (e.g.
 * {@code KeyboardInterrupt}). Java threads are interrupted instead, and because the Python-style methods declare no
 * checked exceptions, the interruption surfaces as this unchecked exception. The JDK-style
 * {@link Future#get()} throws the checked {@link InterruptedException} as usual.
 */
public class WaitInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what  what the thread was waiting for
     * @param cause the interruption
     */
    public WaitInterruptedException(String what, InterruptedException cause) {
        super("interrupted while waiting for " + what, cause);
    }
}

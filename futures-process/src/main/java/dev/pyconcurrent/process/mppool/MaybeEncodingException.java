package dev.pyconcurrent.process.mppool;

/**
 * A task finished, but its result could not be serialized to travel back from the worker JVM; the job fails with
 * this instead, and the worker goes on with its next task.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/pool.py: MaybeEncodingError}. As there, it keeps the
 * <em>text</em> of the reason and of the value ({@code repr} in CPython, {@code toString} here), never the objects
 * themselves (they are what could not travel), and its message reads
 * {@code Error sending result: '<value>'. Reason: '<exception>'}.
 */
public class MaybeEncodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String exc;
    private final String value;

    /**
     * @param exc   the serialization failure, as text ({@code Throwable.toString()})
     * @param value the result that could not be sent, as text
     */
    public MaybeEncodingException(String exc, String value) {
        super("Error sending result: '" + value + "'. Reason: '" + exc + "'");
        this.exc = exc;
        this.value = value;
    }

    /** @return why the result could not be sent (CPython's {@code .exc}) */
    public String exc() {
        return exc;
    }

    /** @return the result that could not be sent, as text (CPython's {@code .value}) */
    public String value() {
        return value;
    }
}

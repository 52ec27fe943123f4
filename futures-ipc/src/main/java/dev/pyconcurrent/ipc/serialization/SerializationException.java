package dev.pyconcurrent.ipc.serialization;

/**
 * An object could not be turned into bytes, or bytes could not be turned back into an object
 * (including bytes refused by a class allow-list or size limit). The message names the offending
 * class when it is known; the library's own exception travels as the cause.
 *
 * <p>CPython counterpart: {@code pickle.PicklingError} / {@code pickle.UnpicklingError} (and the
 * {@code TypeError: cannot pickle ...} raised by {@code ForkingPickler.dumps}). Java differs in that
 * one unchecked type covers both directions; {@link #offendingClassName()} says which class was at
 * fault, if any.
 */
public class SerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String offendingClassName;

    public SerializationException(String message, String offendingClassName, Throwable cause) {
        super(message, cause);
        this.offendingClassName = offendingClassName;
    }

    public SerializationException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** The fully qualified name of the class that could not be (de)serialized, or {@code null}. */
    public String offendingClassName() {
        return offendingClassName;
    }
}

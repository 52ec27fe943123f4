package dev.pyconcurrent.process;

/**
 * Ends a child process with a chosen exit code from inside its target, after the normal clean-up.
 *
 * <p>Mirrors Python's {@code SystemExit} as handled by {@code Lib/multiprocessing/process.py: BaseProcess._bootstrap}:
 * code {@code null} → exit code 0; an integer → that code; a message → the message is printed to stderr and the exit
 * code is 1. {@code System.exit(n)} also works in a child (exit code {@code n}) but skips the bootstrap's flushing and
 * the wait for the child's other non-daemon threads.
 */
public class SystemExitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Integer code;
    private final boolean messageForm;

    /** {@code sys.exit()}: exit code 0. */
    public SystemExitException() {
        super("exit code 0", null, false, false);
        this.code = null;
        this.messageForm = false;
    }

    /** {@code sys.exit(code)}. */
    public SystemExitException(int code) {
        super("exit code " + code, null, false, false);
        this.code = code;
        this.messageForm = false;
    }

    /** {@code sys.exit("message")}: prints the message to stderr, exit code 1. */
    public SystemExitException(String message) {
        super(message, null, false, false);
        this.code = null;
        this.messageForm = true;
    }

    /** The requested exit code; {@code null} for the no-argument and the message forms. */
    public Integer code() {
        return code;
    }

    /** True for the message form, whose text is printed and whose exit code is 1. */
    boolean isMessage() {
        return messageForm;
    }
}

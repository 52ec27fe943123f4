package dev.pyconcurrent.process.spawn;

/**
 * Turns what the JVM tells a parent about a dead child into CPython's {@code Process.exitcode}.
 *
 * <p>Mirrors {@code Lib/multiprocessing/popen_fork.py: Popen.poll} (via {@code os.waitstatus_to_exitcode}): a normal
 * exit gives its status, a death by signal <i>n</i> gives {@code -n}. Java differs: {@link java.lang.Process#exitValue()}
 * folds a signal death into {@code 128 + n}, and a JVM that handles SIGTERM/SIGINT/SIGHUP itself exits
 * <em>normally</em> with {@code 128 + n}. So the number alone cannot tell {@code System.exit(137)} from SIGKILL.
 * The child's {@link ExitReport} settles it:
 * <ul>
 *   <li>report "orderly exit": the JVM left through its shutdown sequence, so the raw status is the real status
 *       ({@code System.exit(137)} → 137);</li>
 *   <li>report "signal n": a TERM/INT/HUP handler saw signal <i>n</i> first → {@code -n};</li>
 *   <li>no report and {@code 128 < raw < 128+65}: the JVM never ran its shutdown hooks, which is what a signal
 *       death (SIGKILL, a crash's SIGABRT) looks like → {@code -(raw - 128)};</li>
 *   <li>no report otherwise: the raw status.</li>
 * </ul>
 * Known blind spot: {@code Runtime.halt(137)} skips the shutdown hooks and is therefore read as −9.
 */
public final class ExitStatus {
    /** Highest real-time signal on Linux; statuses above 128 + this are plain exit codes. */
    private static final int MAX_SIGNAL = 64;

    private static final String[] SIGNAL_NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
    };

    /** Signal numbers of the POSIX signals this library sends or names (Linux numbering). */
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private ExitStatus() {
    }

    /**
     * CPython-style exit code.
     *
     * @param rawStatus {@link java.lang.Process#exitValue()} of the dead child
     * @param report what the child's exit report said, or {@link ExitReport.Kind#NONE} if it wrote none
     * @param reportedSignal the signal named by a {@link ExitReport.Kind#SIGNAL} report
     */
    public static int toExitCode(int rawStatus, ExitReport.Kind report, int reportedSignal) {
        switch (report) {
            case ORDERLY:
                return rawStatus;
            case SIGNAL:
                return -reportedSignal;
            default:
                if (rawStatus > 128 && rawStatus <= 128 + MAX_SIGNAL) {
                    return -(rawStatus - 128);
                }
                return rawStatus;
        }
    }

    /**
     * How CPython's {@code BaseProcess.__repr__} shows an exit code: {@code -SIGTERM} for −15, the number otherwise.
     */
    public static String describe(int exitCode) {
        if (exitCode < 0 && -exitCode < SIGNAL_NAMES.length && SIGNAL_NAMES[-exitCode] != null) {
            return "-" + SIGNAL_NAMES[-exitCode];
        }
        return Integer.toString(exitCode);
    }
}

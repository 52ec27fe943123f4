package dev.pyconcurrent.process;

import java.security.SecureRandom;

/**
 * {@link Process#currentProcess()} in a JVM that was not started as a child: named {@code MainProcess}, never a
 * daemon, with a fresh random 32-byte authkey that every descendant inherits.
 *
 * <p>Mirrors {@code Lib/multiprocessing/process.py: _MainProcess}. Created lazily on first use, so a child JVM never
 * pays for the {@link SecureRandom} (it inherits its key instead).
 */
final class MainProcess extends Process implements Process.SpecialProcess {
    private static final long serialVersionUID = 1L;
    /** CPython: {@code os.urandom(32)}. */
    static final int AUTHKEY_LENGTH = 32;

    MainProcess() {
        super(new int[0], "MainProcess", -1, null, randomKey());
    }

    private static byte[] randomKey() {
        byte[] key = new byte[AUTHKEY_LENGTH];
        new SecureRandom().nextBytes(key);
        return key;
    }
}

package dev.pyconcurrent.process;

import dev.pyconcurrent.ipc.host.ProcessAuthKey;

/**
 * {@link Process#currentProcess()} in a JVM that was not started as a child: named {@code MainProcess}, never a
 * daemon, whose authkey is this JVM's {@link ProcessAuthKey} (32 random bytes) that every descendant inherits.
 *
 * <p>Mirrors {@code Lib/multiprocessing/process.py: _MainProcess}. Created lazily on first use, so a child JVM never
 * pays for a {@code SecureRandom} (it inherits its key through the spawn frame instead).
 */
final class MainProcess extends Process implements Process.SpecialProcess {
    private static final long serialVersionUID = 1L;
    /** CPython: {@code os.urandom(32)}. */
    static final int AUTHKEY_LENGTH = 32;

    MainProcess() {
        // One key per JVM: the same one the IPC resource host authenticates with (random on first use).
        super(new int[0], "MainProcess", -1, null, ProcessAuthKey.get());
    }
}

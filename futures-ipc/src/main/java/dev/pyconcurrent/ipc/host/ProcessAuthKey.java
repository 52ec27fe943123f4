package dev.pyconcurrent.ipc.host;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The secret every connection to this process's {@link ResourceHost} must prove it knows, and the
 * one this process presents to other hosts.
 *
 * <p>CPython counterpart: {@code current_process().authkey} ({@code Lib/multiprocessing/process.py}),
 * 32 random bytes from {@code os.urandom} in the main process, inherited by every child, and used by
 * managers ({@code Lib/multiprocessing/managers.py}) to authenticate proxies. Java differs only in
 * where the inheritance happens: the JVM has no fork, so the child bootstrap of
 * {@code futures-process} (or any launcher) must call {@link #set(byte[])} with the parent's key
 * before the child resolves any handle. Without that, the child's proxies fail the handshake with
 * {@link dev.pyconcurrent.ipc.connection.AuthenticationException}.
 *
 * <p>Thread-safe: the key is an immutable array published through a volatile field; callers always
 * receive copies.
 */
public final class ProcessAuthKey {
    /** The length CPython uses for a fresh authkey. */
    public static final int LENGTH = 32;

    private static volatile byte[] key;

    private ProcessAuthKey() {
    }

    /** This process's key (a copy); 32 random bytes, generated on first use unless {@link #set} ran. */
    public static byte[] get() {
        return current().clone();
    }

    /**
     * Replaces this process's key, e.g. with the parent's key in a freshly started child. Set it
     * before any hosted object is shared or any handle is resolved: connections already open keep
     * the key they were authenticated with.
     *
     * @throws IllegalArgumentException if {@code newKey} is empty
     */
    public static void set(byte[] newKey) {
        Objects.requireNonNull(newKey, "authkey");
        if (newKey.length == 0) {
            throw new IllegalArgumentException("authkey must not be empty");
        }
        key = newKey.clone();
    }

    /** The shared array; never handed out. */
    static byte[] current() {
        byte[] k = key;
        if (k == null) {
            synchronized (ProcessAuthKey.class) {
                k = key;
                if (k == null) {
                    k = new byte[LENGTH];
                    new SecureRandom().nextBytes(k);
                    key = k;
                }
            }
        }
        return k;
    }
}

package dev.pyconcurrent.ipc.connection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * HMAC (RFC 2104) over a {@link MessageDigest}, for the authkey handshake.
 *
 * <p>CPython counterpart: {@code hmac.new(authkey, message, digest_name).digest()} in
 * {@code Lib/multiprocessing/connection.py: _create_response/_verify_challenge}.
 *
 * <p>Why not {@code javax.crypto.Mac}: its first use in a JVM initialises the JCE framework (provider
 * verification, crypto policy files), which measured ≈ 75–120 ms more than the first {@code MessageDigest} in a fresh
 * JVM here, paid by every child process that authenticates to its parent (a {@code Client}, a queue, a lock, a
 * manager proxy). HMAC itself is two digests over padded keys, so the plain digest is all it needs; the test checks
 * it against {@code Mac} for every digest and key length class.
 */
final class Hmac {
    /** CPython digest name → JDK {@link MessageDigest} algorithm and its block size in bytes. */
    private record Digest(String algorithm, int blockSize) {
    }

    private static final Map<String, Digest> DIGESTS = Map.of(
            "md5", new Digest("MD5", 64),
            "sha256", new Digest("SHA-256", 64),
            "sha384", new Digest("SHA-384", 128),
            "sha3_256", new Digest("SHA3-256", 136),
            "sha3_384", new Digest("SHA3-384", 104));

    private static final byte INNER_PAD = 0x36;
    private static final byte OUTER_PAD = 0x5c;

    private Hmac() {
    }

    /** True if {@code digestName} (CPython's spelling, e.g. {@code sha256}) is supported. */
    static boolean supports(String digestName) {
        return DIGESTS.containsKey(digestName);
    }

    /** The digest names this class knows, CPython's spelling. */
    static java.util.Set<String> names() {
        return DIGESTS.keySet();
    }

    /**
     * {@code H((K0 ^ opad) || H((K0 ^ ipad) || message))}, where K0 is the key (hashed first if longer than a block)
     * padded with zero bytes to one block; an empty key is a block of zeros, as in Python's {@code hmac}.
     *
     * @throws NoSuchAlgorithmException if this JVM lacks the digest
     */
    static byte[] compute(String digestName, byte[] key, byte[] message) throws NoSuchAlgorithmException {
        Digest d = DIGESTS.get(digestName);
        if (d == null) {
            throw new NoSuchAlgorithmException("unknown digest '" + digestName + "'");
        }
        MessageDigest md = MessageDigest.getInstance(d.algorithm());
        byte[] block = Arrays.copyOf(key.length > d.blockSize() ? md.digest(key) : key, d.blockSize());
        byte[] pad = new byte[d.blockSize()];
        for (int i = 0; i < pad.length; i++) {
            pad[i] = (byte) (block[i] ^ INNER_PAD);
        }
        md.update(pad);
        md.update(message);
        byte[] inner = md.digest();
        for (int i = 0; i < pad.length; i++) {
            pad[i] = (byte) (block[i] ^ OUTER_PAD);
        }
        md.update(pad);
        md.update(inner);
        return md.digest();
    }
}

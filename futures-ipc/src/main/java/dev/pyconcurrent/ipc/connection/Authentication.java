package dev.pyconcurrent.ipc.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * CPython's HMAC challenge/response handshake, byte-compatible in both directions with current
 * CPython (the {@code {digest}}-prefixed protocol of 3.12+) and with 3.11 and older (a bare 20-byte
 * challenge answered by a raw 16-byte HMAC-MD5).
 *
 * <p>One round, as frames (see {@link Frames}); {@link Listener#accept()} runs a round as
 * challenger and then one as answerer, {@link Client} the other way round, so both sides prove they
 * hold the key before any application data moves:
 * <pre>
 *   challenger -&gt; answerer : "#CHALLENGE#" + "{sha256}" + 40 random bytes        (59 bytes)
 *   answerer -&gt; challenger : "{sha256}" + HMAC-SHA256(authkey, "{sha256}" + random)  (40 bytes)
 *                             (legacy answerer: raw HMAC-MD5 over the same bytes, 16 bytes)
 *   challenger -&gt; answerer : "#WELCOME#" or "#FAILURE#"
 * </pre>
 * The MAC covers the whole message including its digest prefix. A challenge of 20 (or 16) bytes
 * comes from a legacy peer and is answered with a raw HMAC-MD5; a 16- or 20-byte response is read
 * as legacy HMAC-MD5. Any other response must name one of md5, sha256, sha384, sha3_256, sha3_384
 * in braces. Every read is capped at 256 bytes and, unlike CPython, bounded by
 * {@link #HANDSHAKE_TIMEOUT_MILLIS} so a silent peer cannot stall {@code accept()} forever.
 *
 * <p>CPython counterpart: {@code Lib/multiprocessing/connection.py: deliver_challenge,
 * answer_challenge, _create_response, _verify_challenge}. Java differs: the HMAC is computed over a
 * plain {@code MessageDigest} ({@link Hmac}), not {@code javax.crypto.Mac}, whose first use costs a
 * child JVM ≈ 75–120 ms of JCE start-up (measured); an empty authkey is valid as in CPython;
 * protocol violations such as an oversized frame are reported as {@link AuthenticationException}
 * (with the cause attached) rather than OSError.
 */
public final class Authentication {
    /** Random bytes in a modern challenge (CPython {@code MESSAGE_LENGTH}). */
    public static final int MESSAGE_LENGTH = 40;
    /** The digest this library asks for when it challenges. */
    public static final String DEFAULT_DIGEST = "sha256";
    /** How long one handshake read may wait for the peer (CPython's CONNECTION_TIMEOUT, 20 s). */
    public static final long HANDSHAKE_TIMEOUT_MILLIS = 20_000;

    static final byte[] CHALLENGE = ascii("#CHALLENGE#");
    static final byte[] WELCOME = ascii("#WELCOME#");
    static final byte[] FAILURE = ascii("#FAILURE#");
    static final int MAX_HANDSHAKE_FRAME = 256;
    static final int MD5_ONLY_MESSAGE_LENGTH = 20;
    static final int MD5_DIGEST_LENGTH = 16;
    static final int MAX_DIGEST_NAME = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Authentication() {
    }

    /** Challenges the peer with the default digest (sha256). */
    public static void deliverChallenge(Connection connection, byte[] authkey) throws IOException {
        deliverChallenge(connection, authkey, DEFAULT_DIGEST);
    }

    /**
     * Sends a challenge, checks the peer's answer and tells it the verdict ({@code #WELCOME#} or
     * {@code #FAILURE#}).
     *
     * @throws AuthenticationException if the answer is wrong, malformed or uses an unknown digest
     */
    public static void deliverChallenge(Connection connection, byte[] authkey, String digestName)
            throws IOException {
        checkKey(authkey);
        if (!Hmac.supports(digestName)) {
            throw new IllegalArgumentException("unsupported digest '" + digestName + "'; allowed: "
                    + Hmac.names());
        }
        byte[] random = new byte[MESSAGE_LENGTH];
        RANDOM.nextBytes(random);
        byte[] message = concat(ascii("{" + digestName + "}"), random);
        connection.sendBytes(concat(CHALLENGE, message));
        byte[] response = receive(connection);
        try {
            verifyChallenge(authkey, message, response);
        } catch (AuthenticationException e) {
            connection.sendBytes(FAILURE);
            throw e;
        }
        connection.sendBytes(WELCOME);
    }

    /**
     * Answers the peer's challenge and waits for its verdict.
     *
     * @throws AuthenticationException if the challenge is malformed or the peer rejects the answer
     */
    public static void answerChallenge(Connection connection, byte[] authkey) throws IOException {
        checkKey(authkey);
        byte[] frame = receive(connection);
        if (!startsWith(frame, CHALLENGE)) {
            throw new AuthenticationException("Protocol error, expected challenge: got "
                    + frame.length + " bytes starting " + printable(frame));
        }
        byte[] message = Arrays.copyOfRange(frame, CHALLENGE.length, frame.length);
        if (message.length < MD5_ONLY_MESSAGE_LENGTH) {
            throw new AuthenticationException("challenge too short: " + message.length + " bytes");
        }
        connection.sendBytes(createResponse(authkey, message));
        byte[] verdict = receive(connection);
        if (!Arrays.equals(verdict, WELCOME)) {
            throw new AuthenticationException("digest sent was rejected");
        }
    }

    /** The answer to {@code message}: raw HMAC-MD5 for a legacy challenge, else "{name}" + MAC. */
    static byte[] createResponse(byte[] authkey, byte[] message) throws AuthenticationException {
        String digest = digestNameOf(message);
        if (digest.isEmpty()) {
            return hmac("md5", authkey, message);          // legacy peer: no prefix in the reply
        }
        return concat(ascii("{" + digest + "}"), hmac(digest, authkey, message));
    }

    /** Checks {@code response} against the {@code message} we sent. */
    static void verifyChallenge(byte[] authkey, byte[] message, byte[] response)
            throws AuthenticationException {
        String digest = digestNameOf(response);
        byte[] mac = digest.isEmpty() ? response
                : Arrays.copyOfRange(response, digest.length() + 2, response.length);
        if (digest.isEmpty()) {
            digest = "md5";
        }
        byte[] expected = hmac(digest, authkey, message);
        if (expected.length != mac.length) {
            throw new AuthenticationException("expected '" + digest + "' of length " + expected.length
                    + " got " + mac.length);
        }
        if (!MessageDigest.isEqual(expected, mac)) {       // constant time, like hmac.compare_digest
            throw new AuthenticationException("digest received was wrong");
        }
    }

    /**
     * "" for a legacy message (16 or 20 bytes, no prefix), else the name inside its leading
     * {@code {...}}, which must be an allowed digest.
     */
    static String digestNameOf(byte[] message) throws AuthenticationException {
        if (message.length == MD5_ONLY_MESSAGE_LENGTH || message.length == MD5_DIGEST_LENGTH) {
            return "";
        }
        if (message.length > 0 && message[0] == '{') {
            int limit = Math.min(message.length, MAX_DIGEST_NAME + 2);
            for (int i = 1; i < limit; i++) {
                if (message[i] == '}') {
                    String name = new String(message, 1, i - 1, StandardCharsets.US_ASCII);
                    if (Hmac.supports(name)) {
                        return name;
                    }
                    break;
                }
            }
        }
        throw new AuthenticationException("unsupported message length=" + message.length
                + " (no known {digest} prefix)");
    }

    private static byte[] receive(Connection connection) throws IOException {
        if (!connection.poll(HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new AuthenticationException("peer sent nothing within " + HANDSHAKE_TIMEOUT_MILLIS
                    + " ms during the handshake");
        }
        try {
            return connection.recvBytes(MAX_HANDSHAKE_FRAME);
        } catch (BadFrameException e) {
            AuthenticationException a = new AuthenticationException("Protocol error during handshake: "
                    + e.getMessage());
            a.initCause(e);
            throw a;
        }
    }

    private static byte[] hmac(String digest, byte[] authkey, byte[] message)
            throws AuthenticationException {
        try {
            return Hmac.compute(digest, authkey, message);
        } catch (GeneralSecurityException e) {
            AuthenticationException a = new AuthenticationException("digest '" + digest
                    + "' unsupported on this JVM");
            a.initCause(e);
            throw a;
        }
    }

    private static void checkKey(byte[] authkey) {
        if (authkey == null) {
            throw new IllegalArgumentException("Authkey must be bytes, not null");
        }
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String printable(byte[] b) {
        StringBuilder s = new StringBuilder("'");
        for (int i = 0; i < Math.min(b.length, 16); i++) {
            int c = b[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.append(b.length > 16 ? "...'" : "'").toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

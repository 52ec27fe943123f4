package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Specs of {@link Hmac}: the handshake's HMAC over a plain {@code MessageDigest} equals the JDK's
 * {@code javax.crypto.Mac} for every digest CPython's handshake may name, and for keys shorter than, equal to and
 * longer than a block. Interop with CPython itself is covered by {@code AuthenticationInteropTest}-style tests.
 */
class HmacTest {
    private static final Map<String, String> JCE_NAMES = Map.of(
            "md5", "HmacMD5", "sha256", "HmacSHA256", "sha384", "HmacSHA384",
            "sha3_256", "HmacSHA3-256", "sha3_384", "HmacSHA3-384");

    @ParameterizedTest
    @ValueSource(strings = {"md5", "sha256", "sha384", "sha3_256", "sha3_384"})
    void equalsTheJdkMacForShortBlockSizedAndLongKeys(String digest) throws Exception {
        byte[] message = "{sha256}challenge-bytes-0123456789".getBytes(StandardCharsets.US_ASCII);
        for (int keyLength : new int[] {1, 32, 64, 104, 128, 136, 300}) {
            byte[] key = new byte[keyLength];
            for (int i = 0; i < keyLength; i++) {
                key[i] = (byte) (i * 31 + 7);
            }
            Mac mac = Mac.getInstance(JCE_NAMES.get(digest));
            mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
            assertArrayEquals(mac.doFinal(message), Hmac.compute(digest, key, message),
                    digest + " with a " + keyLength + "-byte key");
        }
    }

    @Test
    void emptyKeyIsABlockOfZeros() throws Exception {
        // RFC 4231-style check against a value computed by Python: hmac.new(b"", b"abc", "sha256").hexdigest()
        byte[] expected = HexFormat.of().parseHex("fd7adb152c05ef80dccf50a1fa4c05d5a3ec6da95575fc312ae7c5d091836351");
        assertArrayEquals(expected, Hmac.compute("sha256", new byte[0], "abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void unknownDigestIsRefused() {
        assertFalse(Hmac.supports("sha1"));
        assertTrue(Hmac.supports("sha256"));
        assertThrows(NoSuchAlgorithmException.class, () -> Hmac.compute("sha1", new byte[1], new byte[1]));
    }
}

package dev.pyconcurrent.ipc.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HMAC handshake, message by message.
 *
 * <p>Ports CPython {@code Lib/test/_test_multiprocessing.py: OtherTest.test_deliver_challenge_auth_failure,
 * OtherTest.test_answer_challenge_auth_failure, ChallengeResponseTest.test_challengeresponse}, and
 * checks the frame sizes of conformance §2.6 (59 / 40 / 9 bytes).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AuthenticationTest {
    private static final byte[] KEY = "supersecret".getBytes();

    private static <T> CompletableFuture<T> async(java.util.concurrent.Callable<T> c) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return c.call();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void deliverChallengeRejectsAGarbageAnswerAndSaysFailure() throws Exception {
        try (Pipe p = Pipe.open()) {
            CompletableFuture<byte[]> peer = async(() -> {
                byte[] challenge = p.second().recvBytes();
                p.second().sendBytes("something bogus".getBytes());
                return p.second().recvBytes();
            });
            assertThrows(AuthenticationException.class, () -> Authentication.deliverChallenge(p.first(), KEY));
            assertArrayEquals(Authentication.FAILURE, peer.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void answerChallengeRejectsABareChallengeAsTooShort() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.second().sendBytes(Authentication.CHALLENGE);
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Authentication.answerChallenge(p.first(), KEY));
            assertEquals("challenge too short: 0 bytes", e.getMessage());
        }
    }

    @Test
    void answerChallengeRejectsSomethingThatIsNotAChallenge() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.second().sendBytes("#HELLO#".getBytes());
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Authentication.answerChallenge(p.first(), KEY));
            assertTrue(e.getMessage().startsWith("Protocol error, expected challenge"), e.getMessage());
        }
    }

    @Test
    void oversizedHandshakeFrameIsAnAuthenticationFailure() throws Exception {
        try (Pipe p = Pipe.open()) {
            p.second().sendBytes(new byte[257]);
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Authentication.answerChallenge(p.first(), KEY));
            assertTrue(e.getCause() instanceof BadFrameException);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{md5}", "{sha256}", "{sha384}", "{sha3_256}", "{sha3_384}"})
    void createdResponseCarriesTheChallengePrefixAndVerifies(String prefix) throws Exception {
        byte[] random = new byte[prefix.isEmpty() ? 20 : 40];
        Arrays.fill(random, (byte) 7);
        byte[] message = Authentication.concat(prefix.getBytes(StandardCharsets.US_ASCII), random);
        byte[] response = Authentication.createResponse(KEY, message);
        assertTrue(new String(response, StandardCharsets.ISO_8859_1).startsWith(prefix));
        if (prefix.isEmpty()) {
            assertEquals(16, response.length, "legacy answer is a raw HMAC-MD5");
        }
        Authentication.verifyChallenge(KEY, message, response);
    }

    @Test
    void verifyRejectsAResponseWithTheWrongKey() throws Exception {
        byte[] message = Authentication.concat("{sha256}".getBytes(), new byte[40]);
        byte[] response = Authentication.createResponse("other".getBytes(), message);
        assertEquals("digest received was wrong", assertThrows(AuthenticationException.class,
                () -> Authentication.verifyChallenge(KEY, message, response)).getMessage());
    }

    @Test
    void verifyRejectsAnUnknownDigestName() {
        byte[] response = Authentication.concat("{sha1}".getBytes(), new byte[20]);
        assertThrows(AuthenticationException.class,
                () -> Authentication.verifyChallenge(KEY, new byte[48], response));
    }

    @Test
    void modernExchangeUsesTheDocumentedFrameSizes() throws Exception {
        try (Pipe p = Pipe.open()) {
            CompletableFuture<Void> server = async(() -> {
                Authentication.deliverChallenge(p.first(), KEY);
                return null;
            });
            byte[] challenge = p.second().recvBytes();
            assertEquals(59, challenge.length);
            assertTrue(new String(challenge, StandardCharsets.ISO_8859_1).startsWith("#CHALLENGE#{sha256}"));
            byte[] answer = Authentication.createResponse(KEY, Arrays.copyOfRange(challenge, 11, 59));
            assertEquals(40, answer.length);
            p.second().sendBytes(answer);
            assertArrayEquals("#WELCOME#".getBytes(), p.second().recvBytes());
            server.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void legacyTwentyByteChallengeIsAnsweredWithRawMd5() throws Exception {
        try (Pipe p = Pipe.open()) {
            byte[] legacy = new byte[20];
            p.second().sendBytes(Authentication.concat(Authentication.CHALLENGE, legacy));
            CompletableFuture<Void> client = async(() -> {
                Authentication.answerChallenge(p.first(), KEY);
                return null;
            });
            byte[] answer = p.second().recvBytes();
            javax.crypto.Mac md5 = javax.crypto.Mac.getInstance("HmacMD5");
            md5.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacMD5"));
            assertArrayEquals(md5.doFinal(legacy), answer);
            p.second().sendBytes(Authentication.WELCOME);
            client.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nullAuthkeyIsRefused() throws Exception {
        try (Pipe p = Pipe.open()) {
            assertThrows(IllegalArgumentException.class, () -> Authentication.deliverChallenge(p.first(), null));
        }
    }
}

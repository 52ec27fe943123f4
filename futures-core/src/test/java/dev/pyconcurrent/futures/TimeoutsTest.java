package dev.pyconcurrent.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Edge timeouts (negative, zero, enormous) behave like CPython's: only check, or wait without practical limit. */
@Timeout(10)
class TimeoutsTest {

    @Test
    void negativeTimeoutOnlyChecks() {
        assertThrows(FutureTimeoutException.class, () -> FutureFixtures.pending().result(Duration.ofSeconds(-5)));
        assertEquals(42, FutureFixtures.successful().result(Duration.ofSeconds(-5)));
        assertEquals(0L, Timeouts.toNanos(ChronoUnit.FOREVER.getDuration().negated()));
    }

    @Test
    void enormousTimeoutSaturatesInsteadOfOverflowing() {
        assertEquals(Long.MAX_VALUE, Timeouts.toNanos(ChronoUnit.FOREVER.getDuration()));
        long deadline = Timeouts.deadline(ChronoUnit.FOREVER.getDuration());
        assertTrue(deadline - System.nanoTime() > 0);
        assertEquals(42, FutureFixtures.successful().result(ChronoUnit.FOREVER.getDuration()));
    }

    @Test
    void messagesDescribeDurationsReadably() {
        assertEquals("100 ms", Timeouts.describe(Duration.ofMillis(100)));
        assertEquals("2.500 s", Timeouts.describe(Duration.ofMillis(2500)));
    }
}

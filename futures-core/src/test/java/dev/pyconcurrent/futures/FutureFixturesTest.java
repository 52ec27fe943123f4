package dev.pyconcurrent.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fixture factory itself builds what it promises (the pool modules rely on it). */
class FutureFixturesTest {

    @ParameterizedTest
    @EnumSource(FutureState.class)
    void inStateBuildsAFutureInThatState(FutureState state) {
        assertEquals(state, FutureFixtures.inState(state).currentState());
    }

    @Test
    void successfulHoldsFortyTwoAndFailedHoldsAnIOException() {
        assertEquals(42, FutureFixtures.successful().result());
        assertInstanceOf(IOException.class, FutureFixtures.failed().exception());
    }
}

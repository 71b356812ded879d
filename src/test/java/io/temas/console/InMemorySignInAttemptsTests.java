package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySignInAttemptsTests {

    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SignInAttempts attempts = new InMemorySignInAttempts(new SignInSettings(5, 20, Duration.ofMinutes(15)), clock);

    @Test
    void fiveFailuresMakeTheUserNameWaitUntilTheFirstIsFifteenMinutesOld() {
        for (int i = 0; i < 5; i++) {
            assertThat(attempts.blockedFor("ayse", "203.0.113.1")).isEmpty();
            attempts.failed("ayse", "203.0.113.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(attempts.blockedFor("ayse", "203.0.113.1")).contains(Duration.ofMinutes(10));
        assertThat(attempts.blockedFor("AYSE ", "198.51.100.9")).as("per name, folded like sign-in folds it, from anywhere").isPresent();
        assertThat(attempts.blockedFor("mehmet", "203.0.113.1")).as("another name from the same address").isEmpty();

        clock.advance(Duration.ofMinutes(10));
        assertThat(attempts.blockedFor("ayse", "203.0.113.1")).isEmpty();
    }

    @Test
    void twentyFailuresFromOneAddressMakeEveryNameFromItWait() {
        for (int i = 0; i < 20; i++) {
            attempts.failed("guess" + i, "203.0.113.2");
        }
        assertThat(attempts.blockedFor("ayse", "203.0.113.2")).isPresent();
        assertThat(attempts.blockedFor("ayse", "203.0.113.3")).isEmpty();
    }

    @Test
    void aCorrectPasswordClearsTheNameButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            attempts.failed("ayse", "203.0.113.4");
        }
        attempts.succeeded("ayse", "203.0.113.4");
        for (int i = 0; i < 4; i++) {
            attempts.failed("ayse", "203.0.113.4");
        }
        assertThat(attempts.blockedFor("ayse", "203.0.113.4")).as("four failures since the success").isEmpty();

        for (int i = 0; i < 12; i++) {
            attempts.failed("guess" + i, "203.0.113.4");
            attempts.succeeded("guess" + i, "203.0.113.4");
        }
        assertThat(attempts.blockedFor("mehmet", "203.0.113.4")).as("successes do not clear the address's 20").isPresent();
    }
}

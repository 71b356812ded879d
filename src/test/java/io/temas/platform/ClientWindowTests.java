package io.temas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientWindowTests {

    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void aKeyGetsItsLimitPerWindowAndMoreAsTheOldestAgeOut() {
        ClientWindow window = new ClientWindow(3, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(window.tryAcquire("203.0.113.7")).isTrue();
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(window.tryAcquire("203.0.113.7")).isFalse();
        assertThat(window.tryAcquire("198.51.100.2")).as("another key counts on its own").isTrue();

        assertThat(window.blockedFor("203.0.113.7")).as("the first event, 6 minutes ago, ages out in 4").contains(Duration.ofMinutes(4));
        clock.advance(Duration.ofMinutes(4));
        assertThat(window.blockedFor("203.0.113.7")).isEmpty();
        assertThat(window.tryAcquire("203.0.113.7")).isTrue();
        assertThat(window.tryAcquire("203.0.113.7")).as("the second one is still in the window").isFalse();
    }

    @Test
    void recordedEventsBlockAndResetForgetsThem() {
        ClientWindow window = new ClientWindow(2, Duration.ofMinutes(15), clock);
        window.record("ayse");
        assertThat(window.blockedFor("ayse")).isEmpty();
        window.record("ayse");
        window.record("ayse");
        assertThat(window.blockedFor("ayse")).isPresent();

        window.reset("ayse");
        assertThat(window.blockedFor("ayse")).isEmpty();
    }
}

package io.temas.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContactThrottleTests {

    @Test
    void aClientMaySendFiveMessagesInTenMinutesAndMoreOnceTheyAgeOut() {
        HandClock clock = new HandClock(Instant.parse("2026-11-23T10:00:00Z"));
        ContactThrottle throttle = new ContactThrottle(clock);
        for (int i = 0; i < ContactThrottle.LIMIT; i++) {
            assertThat(throttle.allow("203.0.113.7")).isTrue();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.allow("203.0.113.7")).isFalse();
        assertThat(throttle.allow("198.51.100.2")).as("another client has its own count").isTrue();

        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.allow("203.0.113.7")).as("the first messages are older than ten minutes").isTrue();
    }
}

package io.temas.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ContactThrottleTests {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aClientMaySendFiveMessagesInTenMinutesAndMoreOnceTheyAgeOut() {
        HandClock clock = new HandClock();
        ContactThrottle throttle = new ContactThrottle(clock);
        for (int i = 0; i < ContactThrottle.LIMIT; i++) {
            assertThat(throttle.allow("203.0.113.7")).isTrue();
            clock.now = clock.now.plus(Duration.ofMinutes(1));
        }
        assertThat(throttle.allow("203.0.113.7")).isFalse();
        assertThat(throttle.allow("198.51.100.2")).as("another client has its own count").isTrue();

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        assertThat(throttle.allow("203.0.113.7")).as("the first messages are older than ten minutes").isTrue();
    }
}

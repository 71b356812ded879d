package io.temas.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTests {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void secondsAndAnHttpDateAreWaits() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sat, 05 Dec 2026 10:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void nothingMalformedOrPastIsAWait() {
        assertThat(RetryAfter.parse(null, NOW)).isNull();
        assertThat(RetryAfter.parse("", NOW)).isNull();
        assertThat(RetryAfter.parse("0", NOW)).isNull();
        assertThat(RetryAfter.parse("-5", NOW)).isNull();
        assertThat(RetryAfter.parse("soon", NOW)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isNull();
        assertThat(RetryAfter.parse("Sat, 05 Dec 2026 09:59:00 GMT", NOW)).isNull();
        assertThat(RetryAfter.parse("12\u0000", NOW)).isNull();
    }

    @Test
    void theOutboxWaitsForTheProvidersTimeButNoLongerThanItsLongestWait() {
        OutboxSettings settings = new OutboxSettings(8, Duration.ofSeconds(10), Duration.ofHours(1), 50, 8);
        assertThat(settings.backoff(1, null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoff(1, Duration.ofSeconds(3))).as("never sooner than its own backoff").isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoff(1, Duration.ofSeconds(42))).isEqualTo(Duration.ofSeconds(42));
        assertThat(settings.backoff(3, Duration.ofDays(2))).isEqualTo(Duration.ofHours(1));
    }
}

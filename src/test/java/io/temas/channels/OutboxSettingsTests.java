package io.temas.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxSettingsTests {

    private final OutboxSettings settings = new OutboxSettings(8, Duration.ofSeconds(10), Duration.ofHours(1), 50, 8);

    @Test
    void waitsTheFirstBackoffAfterTheFirstAttempt() {
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void doublesTheBackoffWithEachAttempt() {
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(settings.backoff(9)).isEqualTo(Duration.ofSeconds(2560));
    }

    @Test
    void capsTheBackoffAtTheMaximum() {
        assertThat(settings.backoff(10)).isEqualTo(Duration.ofHours(1)); // 5120 s uncapped
        assertThat(settings.backoff(1_000)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void neverWaitsLessThanTheFirstBackoff() {
        assertThat(settings.backoff(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoff(-3)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void neverDecreasesAsAttemptsGrow() {
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 40; attempt++) {
            Duration wait = settings.backoff(attempt);
            assertThat(wait).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(Duration.ofHours(1));
            previous = wait;
        }
    }

    @Test
    void keepsAMaximumShorterThanTheFirstBackoff() {
        OutboxSettings odd = new OutboxSettings(3, Duration.ofMinutes(5), Duration.ofMinutes(1), 10, 1);

        assertThat(odd.backoff(1)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void sendsAtOnceAndTheBatchSizeOutsideTheirRangeStopTheStartWithTheSettingsName() {
        assertThatThrownBy(() -> new OutboxSettings(8, Duration.ofSeconds(10), Duration.ofHours(1), 50, 0))
                .hasMessageContaining("temas.outbox.sends-at-once");
        assertThatThrownBy(() -> new OutboxSettings(8, Duration.ofSeconds(10), Duration.ofHours(1), 50, 257))
                .hasMessageContaining("temas.outbox.sends-at-once");
        assertThatThrownBy(() -> new OutboxSettings(8, Duration.ofSeconds(10), Duration.ofHours(1), 0, 8))
                .hasMessageContaining("temas.outbox.batch-size");
        assertThat(new OutboxSettings(8, Duration.ofSeconds(10), Duration.ofHours(1), 1, 256).sendsAtOnce()).isEqualTo(256);
    }
}

package io.temas.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.support.TemasIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The quarantine forgets unauthenticated refusals after the retention period (7 days by default), and nothing else. */
@TemasIntegrationTest
class QuarantineRetentionIntegrationTests {

    @Autowired
    Quarantine quarantine;

    @Autowired
    QuarantineRetention retention;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void unauthenticatedRefusalsOlderThanTheRetentionPeriodAreDeletedAndEverythingElseStays() {
        byte[] bytes = "{\"id\":\"forged\"}".getBytes(StandardCharsets.UTF_8);
        UUID expired = quarantine.keepUnauthenticated("sms", "bad or missing X-Temas-Signature", "application/json", bytes, false);
        UUID recent = quarantine.keepUnauthenticated("sms", "bad or missing X-Temas-Signature", "application/json", bytes, false);
        UUID trusted = quarantine.keep("sms", "+908502220000", "g-old", "id, from, to and text are required", "application/json", bytes);
        age(expired, Duration.ofDays(7).plusMinutes(1));
        age(recent, Duration.ofDays(7).minusMinutes(1));
        age(trusted, Duration.ofDays(30));

        assertThat(retention.clean()).isPositive();

        assertThat(quarantine.find(expired)).isEmpty();
        assertThat(quarantine.find(recent)).isPresent();
        assertThat(quarantine.find(trusted)).as("authenticated input waits for an admin").isPresent();
    }

    private void age(UUID id, Duration age) {
        jdbc.sql("update quarantine set received_at = ? where id = ?").params(Timestamp.from(clock.instant().minus(age)), id).update();
    }
}

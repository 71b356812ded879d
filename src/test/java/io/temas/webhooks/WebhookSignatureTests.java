package io.temas.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

    @Test
    void signsTheBodyWithHmacSha256AsRfc4231Says() {
        // RFC 4231, test case 2.
        assertThat(WebhookSignatures.sha256("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void signsTheUtf8BytesOfABodyWithTurkishLetters() {
        // Worked out independently: printf '%s' '{"text":"Çağrı şöyle"}' | openssl dgst -sha256 -hmac 'gizli-anahtar-0123456789'
        assertThat(WebhookSignatures.sha256("gizli-anahtar-0123456789", "{\"text\":\"Çağrı şöyle\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f88bb30212c4e9a84ce4a7ae418c7efedbd2375951e438bff727acc8b9bfe135");
    }

    @Test
    void backoffDoublesUpToTheCeilingAndJittersWithinHalfToAll() {
        DeliverySettings settings = new DeliverySettings(10, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofSeconds(5),
                Duration.ofSeconds(10), false, 50, Duration.ofDays(30));

        assertThat(settings.backoff(1, 0.999999)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.backoff(1, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.backoff(2, 0.999999)).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.backoff(4, 0.999999)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoff(60, 0.999999)).as("no overflow after many tries").isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.backoff(60, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }
}

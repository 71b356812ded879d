package io.temas.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/** Webhook addresses come from temas.public-url alone; without it there is none to show or register. */
class WebhookAddressesTests {

    @Test
    void theAddressIsThePublicUrlAndThePath() {
        assertThat(new WebhookAddresses("https://destek.example.com//").of("/api/v1/webhooks/telegram"))
                .contains("https://destek.example.com/api/v1/webhooks/telegram");
    }

    @Test
    void withoutAUsablePublicUrlThereIsNoAddressAndRegisteringIsRefused() {
        for (String unusable : new String[] {"", "  ", "destek.example.com", "ftp://destek.example.com", "https://x.example/?a=b"}) {
            WebhookAddresses addresses = new WebhookAddresses(unusable);
            assertThat(addresses.of("/api/v1/webhooks/whatsapp")).as(unusable).isEmpty();
            assertThat(catchThrowable(() -> addresses.require("/api/v1/webhooks/telegram"))).isInstanceOf(ConsoleRefusal.class)
                    .extracting(e -> ((ConsoleRefusal) e).key()).isEqualTo("webhooks.publicUrlMissing");
        }
    }
}

package io.temas.channels.whatsapp;

import io.temas.shared.ReasonCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.OutboundMessage;
import io.temas.channels.SendResult;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

class WhatsAppTransportTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anUnconfiguredConnectorFailsEverySendForGoodSayingSo() {
        WhatsAppSettings none = new WhatsAppSettings("https://graph.facebook.com", "v21.0", null, null, null, null, null,
                Duration.ofSeconds(1), DataSize.ofMegabytes(1), 80);
        WhatsAppTransport transport = new WhatsAppTransport(none, new GraphApi(none, JSON), JSON);
        SendResult result = transport.send(message("Merhaba", Map.of()));
        assertThat(result).isEqualTo(new SendResult.PermanentFailure(WhatsAppTransport.NOT_CONFIGURED,
                io.temas.shared.ReasonCode.of("whatsapp.reason.notConfigured")));
    }

    @Test
    void aReplyGoesAsTextWithoutALinkPreview() {
        WhatsAppSettings settings = new WhatsAppSettings("http://127.0.0.1:1", "v21.0", null, null, "token", "123", null,
                Duration.ofSeconds(1), DataSize.ofMegabytes(1), 80);
        Map<String, Object> payload = new WhatsAppTransport(settings, new GraphApi(settings, JSON), JSON)
                .payload(message("Faturanız https://example.com/f.pdf adresinde", Map.of()));
        assertThat(payload).containsEntry("to", "905321112233").containsEntry("type", "text")
                .containsEntry("text", Map.of("preview_url", false, "body", "Faturanız https://example.com/f.pdf adresinde"));
    }

    @Test
    void sendsArePacedToTheNumbersThroughputAndAPaceOutsideOneToAThousandIsRefusedNamingTheSetting() {
        WhatsAppSettings settings = new WhatsAppSettings("https://graph.facebook.com", "v21.0", null, null, "token", "123", null,
                Duration.ofSeconds(1), DataSize.ofMegabytes(1), 20);
        assertThat(new WhatsAppTransport(settings, new GraphApi(settings, JSON), JSON).sendsPerSecond()).isEqualTo(20);
        for (int pace : new int[] {0, 1001}) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new WhatsAppSettings("https://graph.facebook.com", "v21.0",
                    null, null, null, null, null, Duration.ofSeconds(1), DataSize.ofMegabytes(1), pace)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temas.whatsapp.sends-per-second");
        }
    }

    private static OutboundMessage message(String text, Map<String, String> headers) {
        return new OutboundMessage(WhatsAppChannel.WHATSAPP, "+908502220001", "+905321112233", null, text, headers, UUID.randomUUID(),
                UUID.randomUUID());
    }

    @Test
    void theAccessTokenGoesOnlyToMetasMediaHostsOrTheGraphApisOwn() {
        WhatsAppSettings settings = new WhatsAppSettings("https://graph.facebook.com", "v21.0", null, null, "token", "123", null,
                Duration.ofSeconds(1), DataSize.ofMegabytes(1), 80);
        GraphApi graph = new GraphApi(settings, JSON);
        assertThat(graph.trusted(java.net.URI.create("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1"))).isTrue();
        assertThat(graph.trusted(java.net.URI.create("https://graph.facebook.com/v21.0/1"))).isTrue();
        assertThat(graph.trusted(java.net.URI.create("https://evil.example.com/fbsbx.com"))).isFalse();
        assertThat(graph.trusted(java.net.URI.create("http://lookaside.fbsbx.com/x"))).isFalse();
        assertThat(graph.trusted(java.net.URI.create("https://fbsbx.com.evil.example/x"))).isFalse();
    }
}

package io.temas.channels.messenger;

import io.temas.shared.ReasonCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.SendResult;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** How Graph API answers map to the outbox's retry rules. */
class MessengerTransportTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MessengerSettings SETTINGS = new MessengerSettings("http://127.0.0.1:9", "v21.0", "s", "v", "t", null, null,
            java.time.Duration.ofSeconds(1), java.util.List.of("fbcdn.net"));
    private final MessengerTransport transport = new MessengerTransport(MessengerChannels.MESSENGER, SETTINGS, null, null, Clock.systemUTC());

    @Test
    void theMessageIdIsTheReference() {
        assertThat(transport.result(new MessengerGraph.Answer(200, JSON.readTree("{\"recipient_id\":\"1\",\"message_id\":\"m_abc\"}"))))
                .isEqualTo(new SendResult.Sent("m_abc"));
    }

    @Test
    void anUnconfiguredPageFailsForGoodNamingWhatIsMissing() {
        var unconfigured = new MessengerSettings("https://graph.facebook.com", "v21.0", null, null, null, null, null, java.time.Duration.ofSeconds(1), java.util.List.of("fbcdn.net"));
        var instagram = new MessengerTransport(MessengerChannels.INSTAGRAM, unconfigured, null, null, Clock.systemUTC());
        assertThat(instagram.send(new io.temas.channels.OutboundMessage(MessengerChannels.INSTAGRAM, "1", "instagram:2", null, "Merhaba",
                null, null, null))).isEqualTo(new SendResult.PermanentFailure("Instagram is not configured: set temas.messenger.app-secret, "
                + "temas.messenger.verify-token, temas.messenger.page-access-token",
                io.temas.shared.ReasonCode.of("messenger.reason.notConfigured", "Instagram")));
    }

    @ParameterizedTest
    @CsvSource({"400, 4, 0, true", "400, 17, 0, true", "400, 32, 0, true", "400, 613, 0, true", "500, 2, 0, true", "503, 1, 0, true",
            "400, 100, 0, false", "400, 10, 0, false", "403, 200, 0, false", "400, 551, 0, false", "400, 190, 460, false",
            "400, 10, 2018278, false"})
    void codesAreRetriedOrFailForGood(int status, int code, int subcode, boolean retried) {
        String error = "{\"error\":{\"message\":\"m\",\"type\":\"OAuthException\",\"code\":%d%s}}"
                .formatted(code, subcode == 0 ? "" : ",\"error_subcode\":" + subcode);
        SendResult result = transport.result(new MessengerGraph.Answer(status, JSON.readTree(error)));
        assertThat(result).isInstanceOf(retried ? SendResult.TemporaryFailure.class : SendResult.PermanentFailure.class);
        if (code == 10 && subcode == 2018278) {
            assertThat(((SendResult.PermanentFailure) result).reason()).startsWith("outside Messenger's 24-hour messaging window");
            assertThat(((SendResult.PermanentFailure) result).code()).isEqualTo(io.temas.shared.ReasonCode.of("messenger.reason.window", "Messenger"));
        }
        if (code == 551) {
            assertThat(((SendResult.PermanentFailure) result).code()).isEqualTo(io.temas.shared.ReasonCode.of("messenger.reason.unavailable", "Messenger"));
        }
        if (code == 190) {
            assertThat(((SendResult.PermanentFailure) result).code()).isEqualTo(io.temas.shared.ReasonCode.of("messenger.reason.tokenRefused", "Messenger"));
        }
        if (code == 613) {
            assertThat(((SendResult.TemporaryFailure) result).code()).isEqualTo(io.temas.shared.ReasonCode.of("messenger.reason.throttled", "Messenger"));
        }
    }
}

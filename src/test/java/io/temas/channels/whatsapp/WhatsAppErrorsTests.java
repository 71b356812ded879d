package io.temas.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.ReasonCode;
import io.temas.channels.SendResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WhatsAppErrorsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void throttlingAndServerTroubleAreRetried() {
        assertThat(WhatsAppErrors.classify(429, error(130429, "Rate limit hit"))).isInstanceOf(SendResult.TemporaryFailure.class);
        assertThat(WhatsAppErrors.classify(400, error(131056, "pair rate limit"))).isInstanceOf(SendResult.TemporaryFailure.class);
        assertThat(WhatsAppErrors.classify(400, error(131048, "spam rate limit"))).isInstanceOf(SendResult.TemporaryFailure.class);
        assertThat(WhatsAppErrors.classify(400, error(80007, "WABA rate limit"))).isInstanceOf(SendResult.TemporaryFailure.class);
        assertThat(WhatsAppErrors.classify(400, error(4, "app call limit"))).isInstanceOf(SendResult.TemporaryFailure.class);
        assertThat(WhatsAppErrors.classify(503, null)).isInstanceOf(SendResult.TemporaryFailure.class);
    }

    @Test
    void undeliverableWindowTemplateAndTokenErrorsFailForGoodWithAReadableReason() {
        assertThat(reason(WhatsAppErrors.classify(400, error(131026, "Message undeliverable")))).contains("131026", "cannot receive");
        assertThat(reason(WhatsAppErrors.classify(400, error(131047, "Re-engagement message")))).contains("24 hours", "template");
        assertThat(reason(WhatsAppErrors.classify(400, error(131051, "Unsupported message type")))).contains("131051");
        assertThat(reason(WhatsAppErrors.classify(400, error(100, "Invalid parameter")))).contains("parameter");
        assertThat(reason(WhatsAppErrors.classify(400, error(132001, "Template name does not exist in the translation"))))
                .contains("template was refused", "132001", "does not exist");
        assertThat(reason(WhatsAppErrors.classify(401, error(190, "Invalid OAuth access token.")))).contains("access token");
        assertThat(reason(WhatsAppErrors.classify(403, error(200, "Permission denied")))).contains("access token");
    }

    @Test
    void theCommonCasesCarryACodeTheConsoleSaysInTheAgentsLanguage() {
        assertThat(((SendResult.PermanentFailure) WhatsAppErrors.classify(400, error(131026, "Message undeliverable"))).code())
                .isEqualTo(ReasonCode.of("whatsapp.reason.undeliverable"));
        assertThat(((SendResult.PermanentFailure) WhatsAppErrors.classify(400, error(131047, "Re-engagement message"))).code())
                .isEqualTo(ReasonCode.of("whatsapp.reason.window"));
        assertThat(((SendResult.TemporaryFailure) WhatsAppErrors.classify(429, error(130429, "Rate limit hit"))).code())
                .isEqualTo(ReasonCode.of("whatsapp.reason.throttled"));
        assertThat(((SendResult.PermanentFailure) WhatsAppErrors.classify(400, error(131051, "Unsupported message type"))).code())
                .as("a rare case keeps Meta's words").isNull();
        assertThat(((SendResult.TemporaryFailure) WhatsAppErrors.classify(503, null)).code()).as("server trouble is no throttle").isNull();
    }

    private static String reason(SendResult result) {
        assertThat(result).isInstanceOf(SendResult.PermanentFailure.class);
        return ((SendResult.PermanentFailure) result).reason();
    }

    private static JsonNode error(int code, String message) {
        return JSON.readTree("""
                {"error":{"message":"%s","type":"OAuthException","code":%d,"error_data":{"messaging_product":"whatsapp","details":"%s"},
                "fbtrace_id":"A1"}}""".formatted(message, code, message));
    }
}

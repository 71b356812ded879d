package io.temas.channels.telegram;

import io.temas.shared.ReasonCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.temas.channels.SendResult;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** How Bot API answers map to the outbox's retry rules, and which recipients are Telegram chats. */
class TelegramTransportTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aSentMessageIsReferencedByChatAndMessageId() {
        assertThat(result(200, "{\"ok\":true,\"result\":{\"message_id\":42,\"chat\":{\"id\":-100123,\"type\":\"group\"}}}"))
                .isEqualTo(new SendResult.Sent("-100123:42"));
    }

    @Test
    void throttlingServerErrorsAndAWrongTokenAreRetried() {
        assertThat(result(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 3\",\"parameters\":{\"retry_after\":3}}"))
                .isInstanceOfSatisfying(SendResult.TemporaryFailure.class, f -> {
                    assertThat(f.reason()).contains("retry after 3 s");
                    assertThat(f.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(3));
                });
        assertThat(result(502, "<html>Bad Gateway</html>")).isInstanceOf(SendResult.TemporaryFailure.class);
        assertThat(result(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}")).isInstanceOf(SendResult.TemporaryFailure.class);
    }

    @Test
    void refusalsFailForGoodWithAReadableReason() {
        assertThat(result(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}"))
                .isEqualTo(new SendResult.PermanentFailure("Telegram: the user blocked the bot",
                        io.temas.shared.ReasonCode.of("telegram.reason.blocked")));
        assertThat(result(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"))
                .isInstanceOfSatisfying(SendResult.PermanentFailure.class, f -> {
                    assertThat(f.reason()).contains("chat not found");
                    assertThat(f.code()).isEqualTo(io.temas.shared.ReasonCode.of("telegram.reason.chatNotFound"));
                });
        assertThat(result(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message text is empty\"}"))
                .isInstanceOfSatisfying(SendResult.PermanentFailure.class, f -> {
                    assertThat(f.reason()).contains("message text is empty");
                    assertThat(f.code()).as("the provider's own words, shown as they came").isNull();
                });
    }

    @Test
    void onlyTelegramChatIdsAreRecipients() {
        assertThat(TelegramTransport.chatId("telegram:123456")).isEqualTo("123456");
        assertThat(TelegramTransport.chatId("telegram:-100200300")).isEqualTo("-100200300");
        assertThat(TelegramTransport.chatId("telegram:deniz")).isNull();
        assertThat(TelegramTransport.chatId("instagram:123")).isNull();
        assertThat(TelegramTransport.chatId(null)).isNull();
    }

    @Test
    void anUnconfiguredBotFailsForGoodNamingWhatIsMissing() {
        var settings = new TelegramSettings("https://api.telegram.org", null, null, null, java.time.Duration.ofSeconds(1), 30);
        var transport = new TelegramTransport(settings, null, null, null, java.time.Clock.systemUTC());
        assertThat(transport.send(new io.temas.channels.OutboundMessage(TelegramChannel.TELEGRAM, "telegram", "telegram:1", null, "Merhaba",
                null, null, null))).isEqualTo(new SendResult.PermanentFailure(
                "Telegram is not configured: set temas.telegram.bot-token and temas.telegram.secret-token",
                io.temas.shared.ReasonCode.of("telegram.reason.notConfigured")));
    }

    @Test
    void aPastedTokenIsStrippedAndAMalformedOneLeavesTheBotUnconfiguredWithoutRepeatingIt() {
        var pasted = new TelegramSettings("https://api.telegram.org", "  123456:AAH-x_y9 \n", " s ", null, java.time.Duration.ofSeconds(1), 30);
        assertThat(pasted.botToken()).isEqualTo("123456:AAH-x_y9");
        assertThat(pasted.configured()).isTrue();

        var broken = new TelegramSettings("https://api.telegram.org", "123456:AAH secret part", "s", null, java.time.Duration.ofSeconds(1), 30);
        assertThat(broken.configured()).isFalse();
        assertThat(broken.missing()).startsWith("temas.telegram.bot-token").doesNotContain("secret part");
        var api = new TelegramBotApi(broken, JSON);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> api.call("getMe", java.util.Map.of())))
                .isInstanceOf(java.io.IOException.class).hasMessageNotContaining("secret part");
    }

    @Test
    void theBotPacesItsSendsAsSetAndAPaceOutsideOneToAThousandIsRefusedNamingTheSetting() {
        var settings = new TelegramSettings("https://api.telegram.org", null, null, null, java.time.Duration.ofSeconds(1), 12);
        assertThat(new TelegramTransport(settings, null, null, null, java.time.Clock.systemUTC()).sendsPerSecond()).isEqualTo(12);
        for (int pace : new int[] {0, 1001}) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new TelegramSettings("https://api.telegram.org", null, null, null,
                    java.time.Duration.ofSeconds(1), pace))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("temas.telegram.sends-per-second");
        }
    }

    private static SendResult result(int status, String body) {
        tools.jackson.databind.JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException e) {
            json = null;
        }
        return TelegramTransport.result(new TelegramBotApi.Answer(status, json));
    }
}

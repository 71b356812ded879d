package io.temas.channels.telegram;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Telegram bot. The channel is inactive until a bot token and a webhook secret are set:
 * webhooks are refused and sends fail for good, naming what is missing.
 *
 * @param baseUrl     the Bot API root
 * @param botToken    the token BotFather gave (environment only: {@code TEMAS_TELEGRAM_BOT_TOKEN})
 * @param secretToken the secret Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token} with every update
 *                    (given to {@code setWebhook} as {@code secret_token}; environment only)
 * @param botUsername the bot's user name; the entry point its messages arrive on ({@code telegram} when unset)
 * @param timeout     time limit of one call to the Bot API
 */
@ConfigurationProperties("temas.telegram")
public record TelegramSettings(
        @DefaultValue("https://api.telegram.org") String baseUrl,
        String botToken,
        String secretToken,
        String botUsername,
        @DefaultValue("10s") Duration timeout) {

    /** Whether both the token and the webhook secret are set. */
    public boolean configured() {
        return !blank(botToken) && !blank(secretToken);
    }

    /** What is missing, for a refusal or the settings screen; null when nothing is. */
    public String missing() {
        if (blank(botToken) && blank(secretToken)) {
            return "temas.telegram.bot-token and temas.telegram.secret-token";
        }
        return blank(botToken) ? "temas.telegram.bot-token" : blank(secretToken) ? "temas.telegram.secret-token" : null;
    }

    /** The entry point messages to the bot arrive on. */
    public String entryPoint() {
        return blank(botUsername) ? "telegram" : botUsername.strip().replaceFirst("^@", "");
    }

    String root() {
        return baseUrl.replaceAll("/+$", "");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

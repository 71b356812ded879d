package io.temas.channels.telegram;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Telegram bot. The channel is inactive until a bot token and a webhook secret are set:
 * webhooks are refused and sends fail for good, naming what is missing. A bot token that does not
 * have BotFather's form counts as missing, so it never goes into a URL (where a stray character
 * would make an error message that carries the token into the logs).
 *
 * @param baseUrl     the Bot API root
 * @param botToken    the token BotFather gave (environment only: {@code TEMAS_TELEGRAM_BOT_TOKEN})
 * @param secretToken the secret Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token} with every update
 *                    (given to {@code setWebhook} as {@code secret_token}; environment only)
 * @param botUsername the bot's user name; the entry point its messages arrive on ({@code telegram} when unset)
 * @param timeout     time limit of one call to the Bot API
 * @param sendsPerSecond the most messages a second this node sends the bot's chats: Telegram takes about 30 a second
 *                    from one bot before it throttles (429), and the outbox sends several at once
 */
@ConfigurationProperties("temas.telegram")
public record TelegramSettings(
        @DefaultValue("https://api.telegram.org") String baseUrl,
        String botToken,
        String secretToken,
        String botUsername,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("30") int sendsPerSecond) {

    /** What BotFather hands out: the bot's numeric id, a colon, and a secret of URL-safe characters. */
    static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("\\d+:[A-Za-z0-9_-]+");

    /** Surrounding whitespace (a pasted line end) is dropped; a token that is still malformed leaves the channel unconfigured. */
    public TelegramSettings {
        botToken = botToken == null ? null : botToken.strip();
        secretToken = secretToken == null ? null : secretToken.strip();
        if (sendsPerSecond < 1 || sendsPerSecond > 1000) {
            throw new IllegalArgumentException("temas.telegram.sends-per-second must be between 1 and 1000, not " + sendsPerSecond);
        }
    }

    /** Whether the bot token has BotFather's form, so it can go into a Bot API URL. */
    boolean tokenWellFormed() {
        return !blank(botToken) && TOKEN.matcher(botToken).matches();
    }

    /** Whether both the token and the webhook secret are set. */
    public boolean configured() {
        return tokenWellFormed() && !blank(secretToken);
    }

    /** What is missing, for a refusal or the settings screen; null when nothing is. */
    public String missing() {
        if (blank(botToken) && blank(secretToken)) {
            return "temas.telegram.bot-token and temas.telegram.secret-token";
        }
        if (!blank(botToken) && !tokenWellFormed()) {
            // The token itself is never repeated: this text reaches the screen and the logs.
            return "temas.telegram.bot-token (not a bot token: digits, a colon, then letters, digits, _ or -)"
                    + (blank(secretToken) ? " and temas.telegram.secret-token" : "");
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

package io.temas.channels.telegram;

import java.util.UUID;

/**
 * A Telegram update that was not taken: a wrong or missing secret token, or a body that is not an
 * update, kept in the quarantine (a refused secret only while its client stays under the limit of
 * refusals kept).
 */
public class TelegramWebhookRejected extends RuntimeException {

    private final boolean secret;
    private final UUID quarantineId;

    TelegramWebhookRejected(String message, boolean secret, UUID quarantineId) {
        super(message);
        this.secret = secret;
        this.quarantineId = quarantineId;
    }

    /** True when the secret was refused once too often from this client: nothing was kept (answer 429). */
    public boolean throttled() {
        return secret && quarantineId == null;
    }

    /** True when the secret token was missing or wrong (answer 401), false when the body was unreadable (400). */
    public boolean secret() {
        return secret;
    }

    /** Where the input was kept; null when it was not. */
    public UUID quarantineId() {
        return quarantineId;
    }
}

package io.temas.channels;

import java.util.UUID;

/**
 * A provider's webhook call that was not accepted, for every channel alike: a missing or wrong
 * signature (answer 401; kept only in part and a few per client, see {@link RefusedWebhooks}, and
 * answered 429 once a client has had too many kept) or a signed payload that cannot be read at all
 * (answer 400; kept whole in the quarantine, where identical bytes are kept once however often the
 * provider sends them again).
 */
public class WebhookRejected extends RuntimeException {

    private final boolean signature;
    private final UUID quarantineId;

    private WebhookRejected(String message, boolean signature, UUID quarantineId) {
        super(message);
        this.signature = signature;
        this.quarantineId = quarantineId;
    }

    /** The caller was not authenticated; {@code quarantineId} is null when nothing was kept. */
    public static WebhookRejected signature(String reason, UUID quarantineId) {
        return new WebhookRejected(reason, true, quarantineId);
    }

    /** The caller was authenticated but sent something that is no webhook payload. */
    public static WebhookRejected malformed(String reason, UUID quarantineId) {
        return new WebhookRejected(reason, false, quarantineId);
    }

    /** The signature was refused once too often from this client: nothing was kept (answer 429). */
    public boolean throttled() {
        return signature && quarantineId == null;
    }

    /** True when the signature or secret was missing or wrong, false when the payload was unreadable. */
    public boolean signature() {
        return signature;
    }

    /** Where the input was kept; null when it was not. */
    public UUID quarantineId() {
        return quarantineId;
    }
}

package io.temas.channels.whatsapp;

import java.util.UUID;

/**
 * A WhatsApp webhook that was not accepted: a bad signature (401; kept only in part and a few per
 * client, see {@link io.temas.channels.RefusedWebhooks}) or a signed payload that cannot be read
 * (400; kept whole in the quarantine).
 */
public class WhatsAppWebhookRejected extends RuntimeException {

    private final boolean signature;
    private final UUID quarantineId;

    WhatsAppWebhookRejected(String message, boolean signature, UUID quarantineId) {
        super(message);
        this.signature = signature;
        this.quarantineId = quarantineId;
    }

    /** The signature was refused once too often from this client: nothing was kept (answer 429). */
    public boolean throttled() {
        return signature && quarantineId == null;
    }

    /** True when the signature was missing or wrong, false when the payload was unreadable. */
    public boolean signature() {
        return signature;
    }

    /** Where the input was kept; null when it was not. */
    public UUID quarantineId() {
        return quarantineId;
    }
}

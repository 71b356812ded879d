package io.temas.channels.sms;

import java.util.UUID;

/**
 * A provider webhook that was not accepted: a bad signature or an unreadable payload, kept in the
 * quarantine (a refused signature only while its client stays under the limit of refusals kept).
 */
public class SmsWebhookRejected extends RuntimeException {

    private final boolean signature;
    private final UUID quarantineId;

    SmsWebhookRejected(String message, boolean signature, UUID quarantineId) {
        super(message);
        this.signature = signature;
        this.quarantineId = quarantineId;
    }

    /** True when the signature was refused once too often from this client: nothing was kept (answer 429). */
    public boolean throttled() {
        return signature && quarantineId == null;
    }

    /** True when the signature was missing or wrong (answer 401), false when the payload was unreadable (400). */
    public boolean signature() {
        return signature;
    }

    /** Where the input was kept; null when it was not ({@link #throttled()}). */
    public UUID quarantineId() {
        return quarantineId;
    }
}

package io.temas.channels.sms;

import java.util.UUID;

/** A provider webhook that was not accepted: a bad signature or an unreadable payload, kept in the quarantine. */
public class SmsWebhookRejected extends RuntimeException {

    private final boolean signature;
    private final UUID quarantineId;

    SmsWebhookRejected(String message, boolean signature, UUID quarantineId) {
        super(message);
        this.signature = signature;
        this.quarantineId = quarantineId;
    }

    /** True when the signature was missing or wrong (answer 401), false when the payload was unreadable (400). */
    public boolean signature() {
        return signature;
    }

    public UUID quarantineId() {
        return quarantineId;
    }
}

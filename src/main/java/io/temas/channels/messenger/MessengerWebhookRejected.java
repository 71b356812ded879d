package io.temas.channels.messenger;

import java.util.UUID;

/**
 * A Messenger or Instagram webhook that was not taken: a bad signature, or a signed body that is not
 * a webhook event, kept in the quarantine (a refused signature only while its client stays under the
 * limit of refusals kept).
 */
public class MessengerWebhookRejected extends RuntimeException {

    private final boolean signature;
    private final UUID quarantineId;

    MessengerWebhookRejected(String message, boolean signature, UUID quarantineId) {
        super(message);
        this.signature = signature;
        this.quarantineId = quarantineId;
    }

    /** True when the signature was refused once too often from this client: nothing was kept (answer 429). */
    public boolean throttled() {
        return signature && quarantineId == null;
    }

    /** True when the signature was missing or wrong (answer 401), false when the body was unreadable (400). */
    public boolean signature() {
        return signature;
    }

    /** Where the input was kept; null when it was not. */
    public UUID quarantineId() {
        return quarantineId;
    }
}

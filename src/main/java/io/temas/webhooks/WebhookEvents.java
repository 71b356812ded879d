package io.temas.webhooks;

import java.util.List;

/** The event types a subscription may ask for, as they appear in a delivery's {@code type} and {@code X-Temas-Event}. */
public final class WebhookEvents {

    public static final String CONVERSATION_OPENED = "conversation.opened";
    public static final String CONVERSATION_RESOLVED = "conversation.resolved";
    public static final String MESSAGE_RECEIVED = "message.received";
    public static final String CUSTOMER_MERGED = "customer.merged";
    public static final String CAMPAIGN_RESPONDED = "campaign.responded";
    public static final String CONSENT_CHANGED = "consent.changed";
    public static final String STAGE_CHANGED = "stage.changed";

    /** Sent only when an administrator asks for it ("send a test event"), whatever the subscription's events. */
    public static final String TEST = "webhook.test";

    /** Every type a subscription may name, in the order the screens list them. */
    public static final List<String> ALL = List.of(CONVERSATION_OPENED, CONVERSATION_RESOLVED, MESSAGE_RECEIVED, CUSTOMER_MERGED,
            CAMPAIGN_RESPONDED, CONSENT_CHANGED, STAGE_CHANGED);

    private WebhookEvents() {
    }
}

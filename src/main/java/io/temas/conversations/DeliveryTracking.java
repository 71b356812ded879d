package io.temas.conversations;

import io.temas.channels.OutboundDelivered;
import io.temas.channels.OutboundFailed;
import io.temas.channels.OutboundSent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Shows on each outbound message whether it left or failed for good. */
@Component
class DeliveryTracking {

    private final Conversations conversations;

    DeliveryTracking(Conversations conversations) {
        this.conversations = conversations;
    }

    // Runs in the dispatcher's transaction, so the outbox and the message agree.
    @EventListener
    void on(OutboundSent sent) {
        if (sent.messageId() != null) {
            conversations.delivered(sent.messageId(), "sent", null);
        }
    }

    @EventListener
    void on(OutboundDelivered receipt) {
        if (receipt.messageId() != null) {
            conversations.delivered(receipt.messageId(), receipt.delivery(), receipt.detail());
        }
    }

    @EventListener
    void on(OutboundFailed failed) {
        if (failed.messageId() != null) {
            conversations.delivered(failed.messageId(), "failed", failed.reason());
        }
    }
}

package io.temas.conversations;

import io.temas.channels.Delivery;
import io.temas.channels.OutboundDelivered;
import io.temas.channels.OutboundDropped;
import io.temas.channels.OutboundFailed;
import io.temas.channels.OutboundSent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Shows on each outbound message how far it got ({@link Delivery}): sent, delivered, read, failed
 * with the reason, or not sent with the reason (and its code, for the reader's language).
 */
@Component
class DeliveryTracking {

    private final Conversations conversations;

    DeliveryTracking(Conversations conversations) {
        this.conversations = conversations;
    }

    // Runs in the dispatcher's transaction, so the outbox and the message agree; one statement for its batch.
    @EventListener
    void on(OutboundSent sent) {
        conversations.delivered(Delivery.SENT, sent.outcomes());
    }

    @EventListener
    void on(OutboundDelivered receipt) {
        if (receipt.messageId() != null) {
            conversations.delivered(receipt.messageId(), receipt.delivery(), receipt.detail(), null);
        }
    }

    @EventListener
    void on(OutboundFailed failed) {
        conversations.delivered(Delivery.FAILED, failed.outcomes());
    }

    @EventListener
    void on(OutboundDropped dropped) {
        conversations.delivered(Delivery.UNSENT, dropped.outcomes());
    }
}

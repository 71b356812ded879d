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

    // In the dispatcher's transaction, so the outbox and the message agree: the batch's update of its messages goes with
    // its update of the entries, in one statement (OutboxOutcomes.statements).
    @EventListener
    void on(OutboundSent sent) {
        conversations.deliveredInto(Delivery.SENT, sent);
    }

    @EventListener
    void on(OutboundDelivered receipt) {
        if (receipt.messageId() != null) {
            conversations.delivered(receipt.messageId(), receipt.delivery(), receipt.detail(), null);
        }
    }

    @EventListener
    void on(OutboundFailed failed) {
        conversations.deliveredInto(Delivery.FAILED, failed);
    }

    @EventListener
    void on(OutboundDropped dropped) {
        conversations.deliveredInto(Delivery.UNSENT, dropped);
    }
}

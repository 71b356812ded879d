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

    // Runs in the dispatcher's transaction, so the outbox and the message agree.
    @EventListener
    void on(OutboundSent sent) {
        if (sent.messageId() != null) {
            conversations.delivered(sent.messageId(), Delivery.SENT, null, null);
        }
    }

    @EventListener
    void on(OutboundDelivered receipt) {
        if (receipt.messageId() != null) {
            conversations.delivered(receipt.messageId(), receipt.delivery(), receipt.detail(), null);
        }
    }

    @EventListener
    void on(OutboundFailed failed) {
        if (failed.messageId() != null) {
            conversations.delivered(failed.messageId(), Delivery.FAILED, failed.reason(), failed.code());
        }
    }

    @EventListener
    void on(OutboundDropped dropped) {
        if (dropped.messageId() != null) {
            conversations.delivered(dropped.messageId(), Delivery.UNSENT, dropped.reason(), dropped.code());
        }
    }
}

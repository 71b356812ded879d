package io.temas.conversations;

import io.temas.shared.ReasonCode;
import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.UUID;

/**
 * One message in a conversation.
 *
 * @param kind     {@code message}, {@code ack} (automatic acknowledgement) or {@code note} (internal)
 * @param headerId the channel's own id for threading (an e-mail's Message-ID)
 * @param delivery for outbound messages: {@code queued}, {@code sent} or {@code failed}
 */
public record Message(
        UUID id,
        UUID conversationId,
        Direction direction,
        String kind,
        ChannelType channel,
        String externalId,
        String headerId,
        String sender,
        String recipient,
        String subject,
        String text,
        String html,
        String language,
        String author,
        String delivery,
        String deliveryError,
        io.temas.shared.ReasonCode deliveryReason,
        Instant occurredAt) {

    public enum Direction {
        INBOUND, OUTBOUND;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

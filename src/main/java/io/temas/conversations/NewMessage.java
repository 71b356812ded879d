package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.UUID;

/** A message to add to a conversation. */
public record NewMessage(
        UUID conversationId,
        Message.Direction direction,
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
        Instant occurredAt) {

    public static NewMessage inbound(UUID conversationId, ChannelType channel, String externalId, String headerId, String sender,
                                     String recipient, String subject, String text, String html, String language, Instant at) {
        return new NewMessage(conversationId, Message.Direction.INBOUND, "message", channel, externalId, headerId, sender,
                recipient, subject, text, html, language, null, at);
    }

    /** The same message, added to this conversation. */
    public NewMessage in(UUID conversation) {
        return new NewMessage(conversation, direction, kind, channel, externalId, headerId, sender, recipient, subject, text, html,
                language, author, occurredAt);
    }
}

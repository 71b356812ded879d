package io.temas.channels;

import io.temas.shared.ChannelType;
import java.util.Map;
import java.util.UUID;

/**
 * Something to send: an acknowledgement, an agent's reply, a campaign message.
 *
 * @param headers channel-specific extras (for e-mail: Message-ID, In-Reply-To, Auto-Submitted)
 */
public record OutboundMessage(
        ChannelType channel,
        String sender,
        String recipient,
        String subject,
        String body,
        Map<String, String> headers,
        UUID conversationId,
        UUID messageId) {

    public OutboundMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}

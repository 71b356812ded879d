package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.util.UUID;

/** A new conversation began. */
public record ConversationOpened(UUID conversationId, UUID customerId, ChannelType channel, String reference) {
}

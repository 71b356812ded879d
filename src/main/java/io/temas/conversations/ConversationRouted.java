package io.temas.conversations;

import java.util.UUID;

/** Routing chose the queue for a conversation. */
public record ConversationRouted(UUID conversationId, UUID queueId, String rule, String reason, io.temas.shared.ChannelType channel) {
}

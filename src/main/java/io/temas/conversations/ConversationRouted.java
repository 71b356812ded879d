package io.temas.conversations;

import java.util.UUID;

/**
 * Routing chose the queue for a conversation.
 *
 * @param opening whether the conversation was routed as it was opened (not moved to another queue later)
 */
public record ConversationRouted(UUID conversationId, UUID queueId, String rule, String reason, io.temas.shared.ChannelType channel,
                                 boolean opening) {
}

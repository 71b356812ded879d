package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.util.UUID;

/** An agent's capacity freed up: the conversation was resolved, closed or unassigned. */
public record ConversationReleased(UUID conversationId, UUID agentId, UUID queueId, ChannelType channel) {
}

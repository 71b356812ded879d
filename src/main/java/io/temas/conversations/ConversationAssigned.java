package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.util.UUID;

/** A conversation was given to an agent. */
public record ConversationAssigned(UUID conversationId, UUID agentId, UUID queueId, ChannelType channel) {
}

package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.util.UUID;

/**
 * A conversation was given to an agent.
 *
 * @param opening whether it was given as it was opened (not taken, transferred or offered later)
 */
public record ConversationAssigned(UUID conversationId, UUID agentId, UUID queueId, ChannelType channel, boolean opening) {
}

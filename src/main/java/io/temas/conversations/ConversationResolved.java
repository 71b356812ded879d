package io.temas.conversations;

import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.util.UUID;

/**
 * A conversation was set resolved (by an agent, the API, a chat that ended or a call wrapped up),
 * published inside the transaction that resolved it, so a listener's writes (a survey queued in
 * the outbox) commit or roll back with the resolution. The queue and the agent are those at the
 * moment of resolution.
 */
public record ConversationResolved(UUID conversationId, UUID customerId, ChannelType channel, String entryPoint, UUID queueId,
                                   UUID agentId, Language language, String reference) {
}

package io.temas.calls;

import java.util.UUID;

/**
 * A call rings (or was answered) on an agent's extension: their console shows the caller's 360 at
 * once. Published after the call's row commits.
 *
 * @param customerId     the caller as resolved, or null for a number Temas has never seen
 * @param conversationId the voice conversation, or null when it is not open yet
 */
public record CallPopped(UUID callId, UUID agentId, String username, String caller, String entryPoint, UUID customerId,
                         UUID conversationId, String customerName, String direction) {
}

package io.temas.calls;

import java.util.UUID;

/**
 * A callback was offered to an agent, or taken from her (lapsed, reassigned, cancelled) or
 * finished: her console shows or drops its card. Published in the change's transaction.
 *
 * @param agentId  the agent whose console shows or showed it
 * @param username her console user
 * @param state    the callback's state after the change
 */
public record CallbackChanged(UUID callbackId, UUID agentId, String username, String state) {
}

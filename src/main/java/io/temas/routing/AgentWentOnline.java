package io.temas.routing;

import java.util.UUID;

/** An agent became available for work. */
public record AgentWentOnline(UUID agentId) {
}

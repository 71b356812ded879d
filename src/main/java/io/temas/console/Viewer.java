package io.temas.console;

import io.temas.conversations.Inbox;
import io.temas.routing.Agent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed-in user as the console sees them: their account, their agent profile (supervisors and
 * admins may have none) and the queues whose work they see.
 */
record Viewer(ConsoleUser user, Optional<Agent> agent, List<UUID> queueIds) {

    Inbox.Viewer inbox() {
        return new Inbox.Viewer(agent.map(Agent::id).orElse(null), queueIds);
    }

    String name() {
        return user.displayName();
    }
}

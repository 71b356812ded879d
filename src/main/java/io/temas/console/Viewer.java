package io.temas.console;

import io.temas.conversations.Inbox;
import io.temas.conversations.QueueAccess;
import io.temas.routing.Agent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed-in user as the console sees them: their account, their agent profile (supervisors and
 * admins may have none), the queues whose waiting work they see and which conversations they may
 * see at all.
 */
record Viewer(ConsoleUser user, Optional<Agent> agent, List<UUID> queueIds, QueueAccess access) {

    Inbox.Viewer inbox() {
        return new Inbox.Viewer(agent.map(Agent::id).orElse(null), queueIds, access);
    }

    /** Supervisors and admins have the view of all open work. */
    boolean seesAllOpen() {
        return user.role() != Role.AGENT;
    }

    String name() {
        return user.displayName();
    }

    /** Who acts when this viewer changes a conversation: named on the customer's timeline, taking it when an agent. */
    io.temas.conversations.Actor actor() {
        return new io.temas.conversations.Actor(user.username(), user.displayName(), agent.map(Agent::id).orElse(null));
    }
}

package io.temas.conversations;

import java.util.Objects;
import java.util.UUID;

/**
 * Who changed a conversation by hand, as the customer's timeline names them: their user name
 * (an API token's name for a token acting for nobody), the name people know them by, and their
 * agent profile if they have one. An agent who replies to or resolves a conversation nobody has
 * takes it; someone without an agent profile (a supervisor, an integration) leaves it as it is.
 *
 * @param username the account that acted
 * @param name     the display name written on the timeline
 * @param agentId  their agent profile, or null
 */
public record Actor(String username, String name, UUID agentId) {

    public Actor {
        Objects.requireNonNull(username, "username");
        name = name == null || name.isBlank() ? username : name;
    }

    /** Whether they have an agent profile, and so take what they work on. */
    public boolean isAgent() {
        return agentId != null;
    }
}

package io.temas.routing;

import io.temas.conversations.Actor;
import io.temas.conversations.AgentDirectory;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells the conversations which user names are agents, so a reply by an agent takes what nobody has. */
@Component
class AgentActors implements AgentDirectory {

    private final Agents agents;

    AgentActors(Agents agents) {
        this.agents = agents;
    }

    @Override
    public Optional<Actor> agent(String username) {
        return username == null ? Optional.empty()
                : agents.findByUsername(username).map(a -> new Actor(a.username(), a.displayName(), a.id()));
    }
}

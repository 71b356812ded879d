package io.temas.console;

import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.routing.Queue;
import io.temas.routing.Queues;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Turns the signed-in principal into a {@link Viewer}. Agents see their own queues; supervisors and admins see all. */
@Component
class Viewers {

    private final ConsoleUsers users;
    private final Agents agents;
    private final Queues queues;

    Viewers(ConsoleUsers users, Agents agents, Queues queues) {
        this.users = users;
        this.agents = agents;
        this.queues = queues;
    }

    Viewer of(Principal principal) {
        ConsoleUser user = users.find(principal.getName()).orElseThrow(() -> new IllegalStateException("signed-in user vanished"));
        Optional<Agent> agent = agents.findByUsername(user.username());
        List<UUID> queueIds = user.role() == Role.AGENT
                ? agent.map(Agent::queueIds).orElse(List.of())
                : queues.all().stream().map(Queue::id).toList();
        return new Viewer(user, agent, queueIds);
    }
}

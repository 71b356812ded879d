package io.temas.console;

import io.temas.routing.Agent;
import io.temas.routing.Agents;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Agents who sign in to the console: an agent and their console user (role agent) are created
 * together or not at all. The operation lives here, not in routing, because the console owns its
 * users and passwords; routing knows agents only, and the API creates agents without a sign-in
 * (API clients use tokens).
 */
@Service
class AgentAccounts {

    private final Agents agents;
    private final ConsoleUsers users;
    private final QueuePermissions permissions;

    AgentAccounts(Agents agents, ConsoleUsers users, QueuePermissions permissions) {
        this.agents = agents;
        this.users = users;
        this.permissions = permissions;
    }

    /** Creates the agent, with the presence given, and their console user with this password. */
    @Transactional
    public Agent create(Agents.Draft draft, Agent.Presence presence, String password) {
        if (users.exists(draft.username())) {
            throw new ConsoleRefusal("admin.error.userTaken");
        }
        Agent agent = agents.create(draft, presence);
        users.save(draft.username(), draft.displayName(), Role.AGENT, password);
        return agent;
    }

    /** Changes the agent and their presence; the queues their console user may see stay as they are. */
    @Transactional
    public Agent update(UUID id, Agents.Draft draft, Agent.Presence presence) {
        return agents.update(id, draft, presence);
    }

    /** Changes the agent, their presence and the queues their console user may see ({@code null}: their role's default). */
    @Transactional
    public Agent update(UUID id, Agents.Draft draft, Agent.Presence presence, QueuePermission permission) {
        Agent agent = agents.update(id, draft, presence);
        permissions.setForUser(agent.username(), permission);
        return agent;
    }
}

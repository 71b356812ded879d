package io.temas.conversations;

import java.util.Optional;

/**
 * Who a user name belongs to among the agents; routing, which keeps the agents, provides it. A
 * reply recorded under a user name ({@link Replies}) takes an unassigned conversation for the
 * agent it names.
 */
public interface AgentDirectory {

    /** The agent with this user name as an {@link Actor}; empty when the user is no agent. */
    Optional<Actor> agent(String username);
}

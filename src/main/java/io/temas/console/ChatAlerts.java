package io.temas.console;

import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationNotFound;
import io.temas.conversations.Conversations;
import io.temas.customers.Customers;
import io.temas.routing.Agent;
import io.temas.routing.Agents;
import io.temas.shared.ChannelType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who is told that a chat arrived: the agent it was given to, or, while it waits unassigned and
 * unanswered, the agents who serve its queue. Nobody else: supervisors watch the board, and an
 * agent restricted to their own queues hears only of chats in those queues or given to them.
 * Each alert carries what the toast shows (reference and customer) and whether the chat is the
 * agent's own, so a page tells "waiting in your queue" from "given to you" once each.
 */
@Component
class ChatAlerts {

    /** One chat to announce: to these console users, with this JSON for the browser. */
    record Alert(UUID conversationId, Set<String> usernames, String json) {
    }

    /** How many answered chats are remembered, so their customers' later messages cost no look-up. */
    static final int REMEMBERED = 10_000;

    private final Conversations conversations;
    private final Customers customers;
    private final Map<UUID, Boolean> answered = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });
    private final Agents agents;
    private final JsonMapper json;

    ChatAlerts(Conversations conversations, Customers customers, Agents agents, JsonMapper json) {
        this.conversations = conversations;
        this.customers = customers;
        this.agents = agents;
        this.json = json;
    }

    /**
     * The alerts for these chats.
     *
     * @param candidates chats that were opened, assigned or written to by their customer since the last round
     * @param assigned   of those, the ones just given to an agent (announced to them even when already answered: a transfer)
     */
    List<Alert> of(Collection<UUID> candidates, Set<UUID> assigned) {
        List<Conversation> chats = new ArrayList<>();
        for (UUID id : candidates) {
            if (!assigned.contains(id) && answered.containsKey(id)) {
                continue;
            }
            Optional<Conversation> found = find(id).filter(c -> ChannelType.CHAT.equals(c.channel()) && c.isActive());
            found.filter(c -> c.firstRespondedAt() != null).ifPresent(c -> answered.put(c.id(), Boolean.TRUE));
            found.filter(c -> c.firstRespondedAt() == null || assigned.contains(c.id()) && c.assigneeId() != null)
                    .ifPresent(chats::add);
        }
        if (chats.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> names = customers.names(chats.stream().map(Conversation::customerId).collect(Collectors.toSet()));
        List<Agent> team = agents.all();
        List<Alert> alerts = new ArrayList<>();
        for (Conversation c : chats) {
            boolean mine = c.assigneeId() != null;
            Set<String> to = team.stream()
                    .filter(a -> mine ? a.id().equals(c.assigneeId()) : c.queueId() != null && a.queueIds().contains(c.queueId()))
                    .map(Agent::username).collect(Collectors.toSet());
            if (to.isEmpty()) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", c.id().toString());
            body.put("reference", c.reference());
            body.put("customer", names.getOrDefault(c.customerId(), ""));
            body.put("mine", mine);
            alerts.add(new Alert(c.id(), to, json.writeValueAsString(body)));
        }
        return alerts;
    }

    private Optional<Conversation> find(UUID id) {
        try {
            return Optional.of(conversations.get(id));
        } catch (ConversationNotFound e) {
            return Optional.empty();
        }
    }
}

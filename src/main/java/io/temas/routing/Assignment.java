package io.temas.routing;

import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationReleased;
import io.temas.conversations.Conversations;
import io.temas.shared.ChannelType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives conversations to agents: among the queue's online agents with the required skills and
 * spare capacity on the channel, the one with the most spare capacity. When nobody qualifies the
 * conversation waits in the queue and is offered again when capacity frees up.
 */
@Service
public class Assignment {

    private static final int OFFER_BATCH = 100;

    private final Agents agents;
    private final Conversations conversations;
    private final RoutingSettings settings;

    Assignment(Agents agents, Conversations conversations, RoutingSettings settings) {
        this.agents = agents;
        this.conversations = conversations;
        this.settings = settings;
    }

    /** Assigns if someone qualifies; answers the agent. */
    @Transactional
    public Optional<Agent> assign(Conversation conversation) {
        if (conversation.queueId() == null || conversation.assigneeId() != null) {
            return Optional.empty();
        }
        List<Agent> online = agents.onlineInQueueForUpdate(conversation.queueId());
        Optional<Agent> best = best(online, conversation.channel(), conversation.requiredSkills());
        best.ifPresent(agent -> conversations.assign(conversation.id(), agent.id()));
        return best;
    }

    /** The spare capacity each of the queue's online agents has on a channel. */
    public int spareCapacity(UUID queueId, ChannelType channel, List<String> skills) {
        List<Agent> online = agents.onlineInQueue(queueId).stream().filter(a -> a.hasSkills(skills)).toList();
        Map<UUID, Integer> load = conversations.load(online.stream().map(Agent::id).toList(), channel);
        return online.stream().mapToInt(a -> Math.max(0, capacity(a, channel) - load.getOrDefault(a.id(), 0))).sum();
    }

    /** Offers the queue's waiting conversations, oldest first, until nobody has room; answers how many were assigned. */
    @Transactional
    public int offerWaiting(UUID queueId) {
        int assigned = 0;
        for (Conversation waiting : conversations.waiting(queueId, OFFER_BATCH)) {
            if (assign(waiting).isPresent()) {
                assigned++;
            }
        }
        return assigned;
    }

    public int capacity(Agent agent, ChannelType channel) {
        return agent.capacity().getOrDefault(channel, settings.capacity().getOrDefault(channel, 1));
    }

    private Optional<Agent> best(List<Agent> online, ChannelType channel, List<String> skills) {
        List<Agent> qualified = online.stream().filter(a -> a.hasSkills(skills)).toList();
        if (qualified.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, Integer> load = conversations.load(qualified.stream().map(Agent::id).toList(), channel);
        return qualified.stream()
                .filter(a -> capacity(a, channel) - load.getOrDefault(a.id(), 0) > 0)
                .max(Comparator.<Agent>comparingInt(a -> capacity(a, channel) - load.getOrDefault(a.id(), 0))
                        .thenComparing(Agent::id));
    }

    @ApplicationModuleListener
    void on(ConversationReleased released) {
        if (released.queueId() != null) {
            offerWaiting(released.queueId());
        }
    }

    @ApplicationModuleListener
    void on(AgentWentOnline online) {
        agents.find(online.agentId()).ifPresent(agent -> agent.queueIds().forEach(this::offerWaiting));
    }
}

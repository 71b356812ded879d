package io.temas.routing;

import io.temas.channels.Channels;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationReleased;
import io.temas.conversations.Conversations;
import io.temas.conversations.Workload;
import io.temas.shared.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives conversations to agents: among the queue's online agents with the required skills and
 * spare capacity on the channel, the one with the most spare capacity. When nobody qualifies the
 * conversation waits in the queue and is offered again when capacity frees up.
 *
 * <p>People's decisions stand: a conversation someone took away from an agent by hand is not
 * offered back to that agent while anyone else who could take it (online in the queue, with the
 * skills and capacity on the channel) is online; it waits for them instead. One a person
 * unassigned is held out of automatic assignment ({@code temas.routing.unassign-hold}); when the
 * hold runs out it is offered like any waiting work. Both are checked by the database in the same
 * conditional update that gives the conversation ({@link Conversations#claim}).
 */
@Service
public class Assignment {

    private static final int OFFER_BATCH = 100;

    private final Agents agents;
    private final Conversations conversations;
    private final Workload workload;
    private final RoutingSettings settings;
    private final Channels channels;
    private final Clock clock;

    Assignment(Agents agents, Conversations conversations, Workload workload, RoutingSettings settings, Channels channels, Clock clock) {
        settings.check(channels);
        this.clock = clock;
        this.agents = agents;
        this.conversations = conversations;
        this.workload = workload;
        this.settings = settings;
        this.channels = channels;
    }

    /**
     * Assigns if someone qualifies; answers the agent. Candidates are ranked without locks; only
     * the chosen agent's row is locked and its load counted again, so concurrent assignments never
     * overbook an agent and a full queue costs no lock at all.
     */
    @Transactional
    public Optional<Agent> assign(Conversation conversation) {
        if (conversation.queueId() == null || conversation.assigneeId() != null || channels.of(conversation.channel()).agentChosenByChannel()) {
            return Optional.empty();
        }
        return assign(conversation, agents.onlineInQueue(conversation.queueId()));
    }

    /**
     * For a conversation about to be opened in the queue: the agent to give it to, chosen and locked as {@link #assign}
     * does, so that it is inserted already assigned instead of inserted and then updated. Nobody can have taken, held or
     * given away a row that does not exist yet, which is all the conditional update of {@link #assign} guards against;
     * the caller publishes the assignment with the row ({@link Conversations#open(io.temas.conversations.NewConversation,
     * Conversations.Routed, Conversations.Opening)}).
     */
    @Transactional
    public Optional<Agent> chooseForNew(UUID queueId, ChannelType channel, List<String> skills) {
        if (queueId == null || channels.of(channel).agentChosenByChannel()) {
            return Optional.empty();
        }
        return pick(channel, skills, agents.onlineInQueue(queueId), (candidate, qualified) -> Claim.GIVEN);
    }

    /** Assigns among these online agents of the conversation's queue (see {@link #assign(Conversation)}). */
    private Optional<Agent> assign(Conversation conversation, List<Agent> online) {
        if (conversation.assigneeId() != null || channels.of(conversation.channel()).agentChosenByChannel()) {
            return Optional.empty();
        }
        return pick(conversation.channel(), conversation.requiredSkills(), online, (candidate, qualified) -> {
            if (conversations.claim(conversation, candidate.id(), qualified)) {
                return Claim.GIVEN;
            }
            // Still waiting: it was taken from this agent by hand, and someone else who could take it may be online.
            return conversations.offerable(conversation.id()) ? Claim.NEXT : Claim.STOP;
        });
    }

    /** What giving the conversation to a locked candidate with room came to. */
    private enum Claim { GIVEN, NEXT, STOP }

    /** Ranks the qualified agents by spare capacity and gives to the first one still online and with room, as the claim says. */
    private Optional<Agent> pick(ChannelType channel, List<String> skills, List<Agent> online,
                                 java.util.function.BiFunction<Agent, List<UUID>, Claim> claim) {
        List<Agent> qualified = online.stream()
                .filter(a -> a.hasSkills(skills) && capacity(a, channel) > 0).toList();
        if (qualified.isEmpty()) {
            return Optional.empty();
        }
        Map<UUID, Integer> capacities = new HashMap<>();
        qualified.forEach(a -> capacities.put(a.id(), capacity(a, channel)));
        Map<UUID, Integer> load = workload.loadUpTo(capacities, channel);
        List<Agent> ranked = qualified.stream()
                .filter(a -> spare(a, channel, load) > 0)
                .sorted(Comparator.<Agent>comparingInt(a -> spare(a, channel, load)).reversed().thenComparing(Agent::id))
                .toList();
        if (!ranked.isEmpty()) {
            agents.lockAssignments();
        }
        List<UUID> qualifiedIds = qualified.stream().map(Agent::id).toList();
        for (Agent candidate : ranked) {
            if (!agents.lockIfOnline(candidate.id())) {
                continue;
            }
            int capacity = capacities.get(candidate.id());
            int current = workload.loadUpTo(Map.of(candidate.id(), capacity), channel).getOrDefault(candidate.id(), 0);
            if (capacity - current > 0) {
                // Read without a lock: someone may have given it away or held it meanwhile, and that decision stands.
                switch (claim.apply(candidate, qualifiedIds)) {
                    case GIVEN -> {
                        return Optional.of(candidate);
                    }
                    case STOP -> {
                        return Optional.empty();
                    }
                    case NEXT -> {
                    }
                }
            }
        }
        return Optional.empty();
    }

    private int spare(Agent agent, ChannelType channel, Map<UUID, Integer> load) {
        return capacity(agent, channel) - load.getOrDefault(agent.id(), 0);
    }

    /**
     * Offers the queue's waiting conversations, oldest first, until nobody has room; answers how many were assigned. The
     * round offers them to the agents online when it starts: one who comes online meanwhile gets a round of her own,
     * which starts again from the oldest, instead of taking a newer conversation this round has already passed an older
     * one for.
     */
    @Transactional
    public int offerWaiting(UUID queueId) {
        int assigned = 0;
        List<ChannelType> chosenElsewhere = channels.all().stream().filter(c -> c.agentChosenByChannel())
                .map(c -> c.type()).toList();
        List<Agent> online = agents.onlineInQueue(queueId);
        for (Conversation waiting : workload.waiting(queueId, OFFER_BATCH, chosenElsewhere)) {
            if (assign(waiting, online).isPresent()) {
                assigned++;
            }
        }
        return assigned;
    }

    public int capacity(Agent agent, ChannelType channel) {
        Integer own = agent.capacity().get(channel);
        return own != null ? own : settings.capacity(channels.of(channel));
    }

    /** Offers again what waited out a supervisor's hold. */
    @Scheduled(fixedDelayString = "${temas.routing.hold-check-interval:15s}")
    @Transactional
    void endHolds() {
        endHolds(clock.instant());
    }

    /** Ends the holds that ran out by {@code now} and offers their queues' waiting work; answers how many were assigned. */
    @Transactional
    int endHolds(Instant now) {
        return conversations.endHolds(now).stream().mapToInt(this::offerWaiting).sum();
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

package io.temas.routing;

import io.temas.channels.Channels;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationReleased;
import io.temas.conversations.Conversations;
import io.temas.conversations.Workload;
import io.temas.shared.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Offers waiting conversations to agents ({@link Assigner} chooses): when a conversation is released,
 * when an agent comes online, and when a supervisor's hold runs out.
 */
@Service
public class Assignment {

    private static final int OFFER_BATCH = 100;

    private final Assigner assigner;
    private final Agents agents;
    private final Conversations conversations;
    private final Workload workload;
    private final Channels channels;
    private final Clock clock;

    Assignment(Assigner assigner, Agents agents, Conversations conversations, Workload workload, Channels channels, Clock clock) {
        this.assigner = assigner;
        this.agents = agents;
        this.conversations = conversations;
        this.workload = workload;
        this.channels = channels;
        this.clock = clock;
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
            if (assigner.assign(waiting, online).isPresent()) {
                assigned++;
            }
        }
        return assigned;
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

package io.temas.routing;

import io.temas.channels.Channels;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationReleased;
import io.temas.conversations.Conversations;
import io.temas.conversations.Workload;
import io.temas.platform.GenericPlans;
import io.temas.shared.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offers waiting conversations to agents ({@link Assigner} chooses): when a conversation is released,
 * when an agent comes online, when a supervisor's hold runs out, and in every staffed queue every
 * {@code temas.routing.offer-interval} for work left waiting while room freed up: a conversation stored
 * just after a release's offer had read its queue.
 */
@Service
public class Assignment {

    private static final Logger log = LoggerFactory.getLogger(Assignment.class);
    /** How many of each channel's line an offer reads: more than anyone's room on a channel, as a rule. */
    private static final int OFFER_BATCH = 25;

    private final Assigner assigner;
    private final Agents agents;
    private final Conversations conversations;
    private final Workload workload;
    private final Channels channels;
    private final Clock clock;
    private final Queues queues;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    Assignment(Assigner assigner, Agents agents, Conversations conversations, Workload workload, Channels channels, Clock clock,
               Queues queues, TransactionTemplate transactions, JdbcClient jdbc) {
        this.assigner = assigner;
        this.agents = agents;
        this.conversations = conversations;
        this.workload = workload;
        this.channels = channels;
        this.clock = clock;
        this.queues = queues;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /**
     * Offers the queue's waiting conversations, each channel's oldest first (its {@value #OFFER_BATCH} oldest), until nobody
     * has room; answers how many were assigned. The round offers them to the agents online when it starts: one who comes
     * online meanwhile gets a round of her own, which starts again from the oldest, instead of taking a newer conversation
     * this round has already passed an older one for. Who has room is asked once for each channel (and set of qualified
     * agents) while nobody has: a release in a full queue asked it for each waiting conversation it walked.
     *
     * <p>The offer's statements are look-ups by key, by the line's index and writes, each with an array parameter (the channels,
     * the agents, who may be given a conversation), which PostgreSQL would plan again on every run: they run on their generic
     * plans, as the pipeline's do ({@link GenericPlans}), for the rest of the transaction.
     */
    @Transactional
    public int offerWaiting(UUID queueId) {
        GenericPlans.forThisTransaction(jdbc);
        int assigned = 0;
        List<ChannelType> offered = channels.all().stream().filter(c -> !c.agentChosenByChannel()).map(c -> c.type()).toList();
        List<Agent> online = agents.onlineInQueue(queueId);
        // Assigning only fills agents: where the round found nobody with room, nobody will have it before it ends.
        Assigner.FullQueues full = new Assigner.FullQueues();
        for (Conversation waiting : workload.waiting(queueId, offered, OFFER_BATCH)) {
            if (assigner.assign(waiting, online, full, true).isPresent()) {
                assigned++;
            }
        }
        return assigned;
    }

    /**
     * Offers the waiting work of every queue someone is online in, a transaction for each queue; answers how many were
     * assigned. Releases and agents coming online offer waiting work as they happen; this picks up what they cannot
     * see: a conversation whose opening found nobody with room just before a release committed, and which was stored just
     * after the release's offer had read the queue's waiting work.
     */
    @Scheduled(fixedDelayString = "${temas.routing.offer-interval:15s}", initialDelayString = "${temas.routing.offer-interval:15s}")
    int offerStaffedQueues() {
        int assigned = 0;
        for (Queue queue : queues.all()) {
            try {
                if (!agents.onlineInQueue(queue.id()).isEmpty()) {
                    assigned += transactions.execute(status -> offerWaiting(queue.id()));
                }
            } catch (DataAccessException | TransactionException e) {
                // One queue's trouble (a lock conflict, no connection to be had) leaves the others' offers to go ahead.
                log.warn("Offering the waiting work of queue {} failed; the next offer tries again: {}", queue.name(), e.getMessage());
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

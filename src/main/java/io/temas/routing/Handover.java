package io.temas.routing;

import io.temas.conversations.Actor;
import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationStatus;
import io.temas.conversations.ConversationNotFound;
import io.temas.conversations.Conversations;
import io.temas.conversations.QueueAccess;
import io.temas.customers.CustomerId;
import io.temas.customers.CustomerTimeline;
import io.temas.shared.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands conversations over by hand: to another queue, to an agent or back to the queue, one at a
 * time or a supervisor's selection at once. Each call is one transaction on the conversation's
 * locked row, so a transfer is never left half done and two people handing the same conversation
 * over at once are served one after the other, each on what the other left. The console and the
 * API both call these methods.
 *
 * <p>A person's decision sticks: the agent a conversation is taken from is not offered it again
 * by the auto-assigner while someone else who could take it is online ({@link Assigner}), and a
 * conversation unassigned in its own queue waits there, held out of automatic assignment for
 * {@code temas.routing.unassign-hold}, for someone to take it. A transfer to another queue without
 * an agent is offered to that queue's agents at once. Given an {@link Actor}, every change is on
 * the customer's timeline with who made it.
 */
@Service
public class Handover {

    private final Conversations conversations;
    private final Queues queues;
    private final Agents agents;
    private final Assigner assigner;
    private final CustomerTimeline timeline;
    private final RoutingSettings settings;
    private final Clock clock;

    Handover(Conversations conversations, Queues queues, Agents agents, Assigner assigner, CustomerTimeline timeline,
             RoutingSettings settings, Clock clock) {
        this.conversations = conversations;
        this.queues = queues;
        this.agents = agents;
        this.assigner = assigner;
        this.timeline = timeline;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Gives the conversation to the agent (an agent taking it gives it to themselves), or with null
     * back to its queue; recorded on the timeline as done by {@code by}.
     */
    @Transactional
    public Conversation assign(UUID conversationId, UUID agentId, Actor by) {
        return reassign(conversationId, null, agentId, by);
    }

    /**
     * Moves the conversation to the queue when one is given and it is not there yet, then gives it
     * to the agent; without an agent it goes back to its (new) queue: held there when it stays in its
     * queue, offered at once in a new one. Recorded on the timeline as done by {@code by} (null: not recorded).
     */
    @Transactional
    public Conversation reassign(UUID conversationId, UUID queueId, UUID agentId, Actor by) {
        return handOver(conversationId, target(queueId, agentId), agentId, by);
    }

    /**
     * The supervisor board's bulk action: every conversation reassigned the same way, all or none;
     * answers how many. For someone who sees only what {@code access} permits, a conversation
     * outside it is not found, and nothing is reassigned. Recorded on the timeline as done by {@code by}.
     */
    @Transactional
    public int reassignAll(Collection<UUID> conversationIds, UUID queueId, UUID agentId, QueueAccess access, Actor by) {
        Queue target = target(queueId, agentId);
        // Locked in one order, so two supervisors' overlapping selections wait for each other instead of deadlocking.
        List<UUID> distinct = conversationIds.stream().distinct().sorted().toList();
        for (UUID id : distinct) {
            if (!access.permits(conversations.get(id))) {
                throw new ConversationNotFound(id);
            }
        }
        distinct.forEach(id -> handOver(id, target, agentId, by));
        return distinct.size();
    }

    /** The queue to move to, if any, once it and the agent are known to exist. */
    private Queue target(UUID queueId, UUID agentId) {
        if (agentId != null) {
            agents.get(agentId);
        }
        return queueId == null ? null : queues.get(queueId);
    }

    private Conversation handOver(UUID id, Queue target, UUID agentId, Actor by) {
        Conversation c = conversations.lock(id);
        Conversation before = c;
        boolean moves = target != null && !target.id().equals(c.queueId());
        if (moves) {
            if (c.assigneeId() != null && !c.assigneeId().equals(agentId)) {
                // Released while still in the old queue, so the capacity it frees is offered to that queue's waiting work.
                conversations.reassignByHand(c, null, null);
                c = conversations.get(id);
            }
            conversations.route(c, target.id(), c.requiredSkills(), c.priority(), "manual transfer", "transferred to " + target.name(),
                    io.temas.shared.ReasonCode.of("routing.why.transferred", target.name()));
            c = conversations.get(id);
        }
        if (agentId != null ? !agentId.equals(c.assigneeId()) : c.assigneeId() != null) {
            conversations.reassignByHand(c, agentId, agentId == null && !moves ? hold() : null);
        } else if (moves && agentId == null && c.status() == ConversationStatus.OPEN) {
            assigner.assign(conversations.get(id));
        }
        if (by != null) {
            record(before, moves ? target : null, agentId, by);
        }
        return conversations.get(id);
    }

    private Instant hold() {
        return settings.unassignHold().isZero() ? null : clock.instant().plus(settings.unassignHold());
    }

    /** What changed by hand, on the customer's timeline: the queue, then who has it. */
    private void record(Conversation before, Queue movedTo, UUID agentId, Actor by) {
        Instant now = clock.instant();
        String channel = before.channel().code();
        List<CustomerTimeline.Entry> entries = new ArrayList<>();
        if (movedTo != null) {
            entries.add(new CustomerTimeline.Entry(now, "conversation.transferred", channel,
                    "Transferred to queue " + movedTo.name() + " by " + by.name(), before.id(), null,
                    ReasonCode.of("timeline.conversation.transferred.detail", movedTo.name(), by.name())));
        }
        UUID from = before.assigneeId();
        if (!Objects.equals(from, agentId)) {
            String queue = queues.find(movedTo != null ? movedTo.id() : before.queueId()).map(Queue::name).orElse("—");
            if (from == null) {
                String to = name(agentId);
                entries.add(agentId.equals(by.agentId())
                        ? new CustomerTimeline.Entry(now, "conversation.taken", channel, "Taken by " + to, before.id(), null,
                                ReasonCode.of("timeline.conversation.taken.detail", to))
                        : new CustomerTimeline.Entry(now, "conversation.assigned", channel, "Assigned to " + to + " by " + by.name(),
                                before.id(), null, ReasonCode.of("timeline.conversation.assigned.manual.detail", to, by.name())));
            } else if (agentId == null) {
                entries.add(new CustomerTimeline.Entry(now, "conversation.unassigned", channel,
                        "Unassigned from " + name(from) + " by " + by.name() + "; back in queue " + queue, before.id(), null,
                        ReasonCode.of("timeline.conversation.unassigned.detail", name(from), by.name(), queue)));
            } else {
                entries.add(new CustomerTimeline.Entry(now, "conversation.reassigned", channel,
                        "Reassigned from " + name(from) + " to " + name(agentId) + " by " + by.name(), before.id(), null,
                        ReasonCode.of("timeline.conversation.reassigned.detail", name(from), name(agentId), by.name())));
            }
        }
        timeline.record(new CustomerId(before.customerId()), entries);
    }

    private String name(UUID agentId) {
        return agents.find(agentId).map(Agent::displayName).orElse(String.valueOf(agentId));
    }
}

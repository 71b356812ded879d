package io.temas.routing;

import io.temas.conversations.Conversation;
import io.temas.conversations.ConversationStatus;
import io.temas.conversations.ConversationNotFound;
import io.temas.conversations.Conversations;
import io.temas.conversations.QueueAccess;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands conversations over by hand: to another queue, to an agent or back to the queue, one at a
 * time or a supervisor's selection at once. Each call is one transaction, so a transfer is never
 * left half done. The console and the API both call these methods.
 */
@Service
public class Handover {

    private final Conversations conversations;
    private final Queues queues;
    private final Agents agents;
    private final Assignment assignment;

    Handover(Conversations conversations, Queues queues, Agents agents, Assignment assignment) {
        this.conversations = conversations;
        this.queues = queues;
        this.agents = agents;
        this.assignment = assignment;
    }

    /** Moves the conversation to the queue, unassigned, and offers it to that queue's agents at once. */
    @Transactional
    public Conversation transfer(UUID conversationId, UUID queueId) {
        return reassign(conversationId, queueId, null);
    }

    /** Gives the conversation to the agent (an agent taking it gives it to themselves), or with null back to its queue. */
    @Transactional
    public Conversation assign(UUID conversationId, UUID agentId) {
        return reassign(conversationId, null, agentId);
    }

    /**
     * Moves the conversation to the queue when one is given and it is not there yet, then gives it
     * to the agent; without an agent it goes back to its (new) queue, where it is offered again.
     */
    @Transactional
    public Conversation reassign(UUID conversationId, UUID queueId, UUID agentId) {
        return handOver(conversationId, target(queueId, agentId), agentId);
    }

    /**
     * The supervisor board's bulk action: every conversation reassigned the same way, all or none;
     * answers how many. For someone who sees only what {@code access} permits, a conversation
     * outside it is not found, and nothing is reassigned.
     */
    @Transactional
    public int reassignAll(Collection<UUID> conversationIds, UUID queueId, UUID agentId, QueueAccess access) {
        Queue target = target(queueId, agentId);
        List<UUID> distinct = conversationIds.stream().distinct().toList();
        for (UUID id : distinct) {
            if (!access.permits(conversations.get(id))) {
                throw new ConversationNotFound(id);
            }
        }
        distinct.forEach(id -> handOver(id, target, agentId));
        return distinct.size();
    }

    /** The queue to move to, if any, once it and the agent are known to exist. */
    private Queue target(UUID queueId, UUID agentId) {
        if (agentId != null) {
            agents.get(agentId);
        }
        return queueId == null ? null : queues.get(queueId);
    }

    private Conversation handOver(UUID id, Queue target, UUID agentId) {
        Conversation c = conversations.get(id);
        boolean moves = target != null && !target.id().equals(c.queueId());
        if (moves) {
            if (c.assigneeId() != null && !c.assigneeId().equals(agentId)) {
                // Released while still in the old queue, so the capacity it frees is offered to that queue's waiting work.
                conversations.assign(c, null);
                c = conversations.get(id);
            }
            conversations.route(c, target.id(), c.requiredSkills(), c.priority(), "manual transfer", "transferred to " + target.name(),
                    io.temas.shared.ReasonCode.of("routing.why.transferred", target.name()));
            c = conversations.get(id);
        }
        if (agentId != null ? !agentId.equals(c.assigneeId()) : c.assigneeId() != null) {
            conversations.assign(c, agentId);
        } else if (moves && agentId == null && c.status() == ConversationStatus.OPEN) {
            assignment.assign(c);
        }
        return conversations.get(id);
    }
}

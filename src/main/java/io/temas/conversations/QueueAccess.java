package io.temas.conversations;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Which conversations someone may read and act on: those of every queue, or only those of their
 * own queues and those assigned to them (an assignment hands a conversation over, whatever its
 * queue).
 *
 * @param all      whether every queue is open to them
 * @param queueIds their own queues (meaningful only when not {@code all})
 * @param agentId  their agent profile, or null
 */
public record QueueAccess(boolean all, Set<UUID> queueIds, UUID agentId) {

    public static final QueueAccess EVERYTHING = new QueueAccess(true, Set.of(), null);

    public QueueAccess {
        queueIds = Set.copyOf(queueIds);
    }

    /** Only these queues, and what is assigned to this agent (null for none). */
    public static QueueAccess own(Collection<UUID> queueIds, UUID agentId) {
        return new QueueAccess(false, Set.copyOf(queueIds), agentId);
    }

    public boolean permits(Conversation c) {
        return permits(c.queueId(), c.assigneeId());
    }

    public boolean permits(UUID queueId, UUID assigneeId) {
        return all || (queueId != null && queueIds.contains(queueId)) || (agentId != null && agentId.equals(assigneeId));
    }

    /** Whether the whole queue is open to them. */
    public boolean permitsQueue(UUID queueId) {
        return all || queueIds.contains(queueId);
    }
}

package io.temas.channels;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An event about outbox entries that reached the same state together (a dispatcher batch, a withdrawal), published
 * once in their transaction so that a listener follows them all with one statement.
 */
public interface OutboxOutcomes {

    List<OutboxOutcome> outcomes();

    /** The ids of the conversation messages among them (an outbox entry need not be one). */
    default List<UUID> messageIds() {
        return outcomes().stream().map(OutboxOutcome::messageId).filter(Objects::nonNull).toList();
    }

    default List<UUID> outboxIds() {
        return outcomes().stream().map(OutboxOutcome::outboxId).toList();
    }
}

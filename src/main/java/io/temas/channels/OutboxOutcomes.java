package io.temas.channels;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * An event about outbox entries that reached the same state together (a dispatcher batch, a withdrawal), published
 * once in their transaction so that a listener follows them all with one statement.
 */
public interface OutboxOutcomes {

    List<OutboxOutcome> outcomes();

    /**
     * Where a listener hands the statement that follows the outcomes (an update without {@code returning}, with its
     * parameters) instead of running it: the publisher runs it, with its own write of the entries and the other
     * listeners' statements, as one statement once every listener has been told ({@link io.temas.platform.ClosingWrites}).
     * So a listener's statement must not read what the entries' write or another listener's statement writes.
     */
    BiConsumer<String, Object[]> statements();

    /** The ids of the conversation messages among them (an outbox entry need not be one). */
    default List<UUID> messageIds() {
        return outcomes().stream().map(OutboxOutcome::messageId).filter(Objects::nonNull).toList();
    }

    default List<UUID> outboxIds() {
        return outcomes().stream().map(OutboxOutcome::outboxId).toList();
    }
}

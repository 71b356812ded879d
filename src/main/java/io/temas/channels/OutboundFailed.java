package io.temas.channels;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/** Messages that could not be sent and will not be retried, together (one dispatcher batch), each with its reason. */
public record OutboundFailed(List<OutboxOutcome> outcomes, BiConsumer<String, Object[]> statements) implements OutboxOutcomes {

    public OutboundFailed {
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(statements);
    }
}

package io.temas.channels;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/** Messages that left through their channels' transports, together (one dispatcher batch). */
public record OutboundSent(List<OutboxOutcome> outcomes, BiConsumer<String, Object[]> statements) implements OutboxOutcomes {

    public OutboundSent {
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(statements);
    }
}

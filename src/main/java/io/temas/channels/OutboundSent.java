package io.temas.channels;

import java.util.List;

/** Messages that left through their channels' transports, together (one dispatcher batch). */
public record OutboundSent(List<OutboxOutcome> outcomes) implements OutboxOutcomes {

    public OutboundSent {
        outcomes = List.copyOf(outcomes);
    }
}

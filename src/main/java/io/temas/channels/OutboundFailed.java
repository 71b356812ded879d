package io.temas.channels;

import java.util.List;

/** Messages that could not be sent and will not be retried, together (one dispatcher batch), each with its reason. */
public record OutboundFailed(List<OutboxOutcome> outcomes) implements OutboxOutcomes {

    public OutboundFailed {
        outcomes = List.copyOf(outcomes);
    }
}

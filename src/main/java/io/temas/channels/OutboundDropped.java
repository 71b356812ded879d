package io.temas.channels;

import java.util.List;

/**
 * Queued messages that will never leave, together, each with its reason: an {@link OutboundGuard} stopped them, there
 * was no way to send them, or their sender withdrew them before they left.
 */
public record OutboundDropped(List<OutboxOutcome> outcomes) implements OutboxOutcomes {

    public OutboundDropped {
        outcomes = List.copyOf(outcomes);
    }
}

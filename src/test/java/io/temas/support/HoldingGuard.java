package io.temas.support;

import io.temas.channels.OutboundGuard;
import io.temas.channels.OutboundMessage;
import org.springframework.boot.test.context.TestComponent;

/**
 * Keeps the dispatcher waiting on one chosen message inside its batch, as the provider call of a message ahead of the
 * others in its channel's lane would; every other message proceeds.
 */
@TestComponent
public class HoldingGuard implements OutboundGuard {

    private final Holds holds = new Holds();

    /** The next message to {@code recipient} waits at this guard until {@link Holds.Held#release} completes. */
    public Holds.Held hold(String recipient) {
        return holds.hold(recipient);
    }

    @Override
    public Verdict check(OutboundMessage message) {
        holds.pass(message.recipient());
        return PROCEED;
    }
}

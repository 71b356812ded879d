package io.temas.support;

import io.temas.channels.OutboundGuard;
import io.temas.channels.OutboundMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestComponent;

/**
 * Keeps the dispatcher waiting on one chosen message inside its batch, as the provider call of a message ahead of the
 * others in its channel's lane would; every other message proceeds.
 */
@TestComponent
public class HoldingGuard implements OutboundGuard {

    private final Map<String, ScriptedTransport.Held> held = new ConcurrentHashMap<>();

    /** The next message to {@code recipient} waits at this guard until {@link ScriptedTransport.Held#release} completes. */
    public ScriptedTransport.Held hold(String recipient) {
        ScriptedTransport.Held hold = new ScriptedTransport.Held(new java.util.concurrent.CompletableFuture<>(),
                new java.util.concurrent.CompletableFuture<>());
        held.put(recipient, hold);
        return hold;
    }

    @Override
    public Verdict check(OutboundMessage message) {
        ScriptedTransport.Held hold = held.remove(message.recipient());
        if (hold != null) {
            hold.reached().complete(null);
            hold.release().join();
        }
        return PROCEED;
    }
}

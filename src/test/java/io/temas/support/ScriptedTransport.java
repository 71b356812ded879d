package io.temas.support;

import io.temas.channels.OutboundMessage;
import io.temas.channels.OutboundTransport;
import io.temas.channels.SendResult;
import io.temas.shared.ChannelType;
import org.springframework.boot.test.context.TestComponent;

/**
 * Plays a messenger provider for the social channel in tests: recipients whose handle starts with
 * {@code fail-temp} fail temporarily, {@code fail-perm} permanently; a handle given to
 * {@link #hold} waits in the provider until the test lets it go; everything else is sent.
 */
@TestComponent
public class ScriptedTransport implements OutboundTransport {

    private final Holds holds = new Holds();

    /** The next send to {@code handle} waits, like a provider's slow HTTP call, until {@link Holds.Held#release} completes. */
    public Holds.Held hold(String handle) {
        return holds.hold(handle);
    }

    @Override
    public ChannelType channel() {
        return ChannelType.SOCIAL;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public SendResult send(OutboundMessage message) {
        String handle = message.recipient().substring(message.recipient().indexOf(':') + 1);
        holds.pass(handle);
        if (handle.startsWith("fail-temp")) {
            return new SendResult.TemporaryFailure("provider busy (429)");
        }
        if (handle.startsWith("fail-code")) {
            // A refusal with a reason the console says in the reader's language, its arguments this message's own.
            return new SendResult.PermanentFailure("refused " + handle, io.temas.shared.ReasonCode.of("delivery.gaveUp", handle.length(), handle));
        }
        if (handle.startsWith("fail-perm")) {
            return new SendResult.PermanentFailure("no such user on the network");
        }
        return new SendResult.Sent("ok-" + handle);
    }
}

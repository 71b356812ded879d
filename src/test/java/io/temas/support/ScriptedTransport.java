package io.temas.support;

import io.temas.channels.OutboundMessage;
import io.temas.channels.OutboundTransport;
import io.temas.channels.SendResult;
import io.temas.shared.ChannelType;
import org.springframework.boot.test.context.TestComponent;

/**
 * Plays a messenger provider for the social channel in tests: recipients whose handle starts with
 * {@code fail-temp} fail temporarily, {@code fail-perm} permanently; everything else is sent.
 */
@TestComponent
public class ScriptedTransport implements OutboundTransport {

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
        if (handle.startsWith("fail-temp")) {
            return new SendResult.TemporaryFailure("provider busy (429)");
        }
        if (handle.startsWith("fail-perm")) {
            return new SendResult.PermanentFailure("no such user on the network");
        }
        return new SendResult.Sent("ok-" + handle);
    }
}

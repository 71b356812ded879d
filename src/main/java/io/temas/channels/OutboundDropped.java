package io.temas.channels;

import io.temas.shared.ReasonCode;
import io.temas.shared.ChannelType;
import java.util.UUID;

/** A queued message that an {@link OutboundGuard} stopped, or that its sender withdrew before it left. */
public record OutboundDropped(UUID outboxId, ChannelType channel, UUID conversationId, UUID messageId, String reason, ReasonCode code) {

    /** Without a code: the reason is shown as it is. */
    public OutboundDropped(UUID outboxId, ChannelType channel, UUID conversationId, UUID messageId, String reason) {
        this(outboxId, channel, conversationId, messageId, reason, null);
    }
}

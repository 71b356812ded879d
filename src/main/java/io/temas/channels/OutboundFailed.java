package io.temas.channels;

import io.temas.shared.ReasonCode;
import io.temas.shared.ChannelType;
import java.util.UUID;

/** A message could not be sent and will not be retried. */
public record OutboundFailed(UUID outboxId, ChannelType channel, UUID conversationId, UUID messageId, String reason, ReasonCode code) {

    /** Without a code: the reason is shown as it is. */
    public OutboundFailed(UUID outboxId, ChannelType channel, UUID conversationId, UUID messageId, String reason) {
        this(outboxId, channel, conversationId, messageId, reason, null);
    }
}

package io.temas.channels;

import io.temas.shared.ChannelType;
import java.util.UUID;

/** A message left through its channel's transport. */
public record OutboundSent(UUID outboxId, ChannelType channel, UUID conversationId, UUID messageId, String transport) {
}

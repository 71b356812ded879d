package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.util.UUID;

/** A customer's message went through the pipeline and was stored. */
public record MessageReceived(UUID messageId, UUID conversationId, UUID customerId, ChannelType channel, String entryPoint) {
}

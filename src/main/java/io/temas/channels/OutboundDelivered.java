package io.temas.channels;

import io.temas.shared.ChannelType;
import java.util.UUID;

/**
 * A provider's delivery receipt for a message that left: {@code delivered}, or {@code failed}
 * with the provider's reason.
 */
public record OutboundDelivered(UUID outboxId, ChannelType channel, UUID conversationId, UUID messageId, String delivery,
                                String detail) {
}

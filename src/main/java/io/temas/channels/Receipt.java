package io.temas.channels;

import java.util.UUID;

/** What the pipeline made of a message; {@code duplicate} when it had seen the external id before. */
public record Receipt(UUID messageId, UUID conversationId, UUID customerId, boolean duplicate) {
}

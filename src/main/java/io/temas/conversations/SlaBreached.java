package io.temas.conversations;

import java.util.UUID;

/** A conversation passed an SLA due time (target: {@code first-response} or {@code resolution}). */
public record SlaBreached(UUID conversationId, UUID queueId, String target, java.time.Instant due) {
}

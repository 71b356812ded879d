package io.temas.complaints;

import java.time.Instant;
import java.util.UUID;

/** A conversation was marked a complaint, or its category changed ({@code category} null: the mark was taken off). */
public record ComplaintMarked(UUID conversationId, UUID customerId, String category, String by, Instant at) {
}

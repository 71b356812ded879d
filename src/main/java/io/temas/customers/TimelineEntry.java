package io.temas.customers;

import java.time.Instant;
import java.util.UUID;

/** Something that happened with a customer, on the customer's timeline. */
public record TimelineEntry(
        UUID id,
        CustomerId customerId,
        Instant occurredAt,
        String kind,
        String channel,
        String summary,
        UUID conversationId,
        UUID messageId) {
}

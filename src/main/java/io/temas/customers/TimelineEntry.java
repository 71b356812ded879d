package io.temas.customers;

import io.temas.shared.ReasonCode;
import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened with a customer, on the customer's timeline: {@code summary} in English
 * for the audit trail and the API, {@code detail} (null for older entries) as a bundle key with
 * arguments for the reader's language.
 */
public record TimelineEntry(
        UUID id,
        CustomerId customerId,
        Instant occurredAt,
        String kind,
        String channel,
        String summary,
        UUID conversationId,
        UUID messageId,
        ReasonCode detail) {
}

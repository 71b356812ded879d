package io.temas.customers;

import io.temas.shared.IdentifierType;
import java.time.Instant;
import java.util.UUID;

/**
 * One normalised identifier attached to a customer, with the spelling it first arrived in;
 * {@code undeliverableAt} is set when mail to it bounced for good.
 */
public record Identity(UUID id, CustomerId customerId, IdentifierType type, String value, String original, Instant createdAt,
                       Instant undeliverableAt, String undeliverableReason) {
}

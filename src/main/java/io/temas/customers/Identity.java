package io.temas.customers;

import io.temas.shared.IdentifierType;
import java.time.Instant;
import java.util.UUID;

/** One normalised identifier attached to a customer, with the spelling it first arrived in. */
public record Identity(UUID id, CustomerId customerId, IdentifierType type, String value, String original, Instant createdAt) {
}

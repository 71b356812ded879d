package io.temas.customers;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer's profile (VIP, segments, demographics, preferences) was changed; {@code fields} are their wire names. */
public record CustomerProfileChanged(UUID customerId, List<String> fields, String actor, Instant at) {
}

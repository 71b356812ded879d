package io.temas.customers;

import java.time.Instant;
import java.util.UUID;

/** A customer moved to another lifecycle stage (lead, prospect, customer, loyal, at risk, lost); {@code from} is null the first time. */
public record LifecycleStageChanged(UUID customerId, String from, String to, String actor, Instant at) {
}

package io.temas.customers;

import java.time.Instant;
import java.util.UUID;

/** One move between lifecycle stages: who made it, when, from where ({@code null} the first time) and why. */
public record LifecycleChange(UUID id, CustomerId customer, LifecycleStage from, LifecycleStage to, String actor, String reason,
                              Instant changedAt) {
}

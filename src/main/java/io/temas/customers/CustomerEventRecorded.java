package io.temas.customers;

import java.time.Instant;
import java.util.UUID;

/**
 * An event from another system (a branch visit, ATM use, a payment, any named type) was stored for a
 * customer, published in the storing transaction; scores and alerts that read events are recomputed on it.
 */
public record CustomerEventRecorded(UUID customerId, String type, Instant at) {
}

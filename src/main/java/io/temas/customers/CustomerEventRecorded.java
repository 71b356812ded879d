package io.temas.customers;

import java.util.UUID;

/**
 * Events from other systems (a branch visit, ATM use, a payment, any named type) were stored for a
 * customer: published once per customer and batch, in the storing transaction; scores and alerts that
 * read events are recomputed on it.
 */
public record CustomerEventRecorded(UUID customerId) {
}

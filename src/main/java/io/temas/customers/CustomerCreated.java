package io.temas.customers;

/** A new customer profile was created from an identifier nobody knew. */
public record CustomerCreated(CustomerId customerId) {
}

package io.temas.customers;

import java.util.UUID;

/** Two customers became one: {@code absorbed} now lives on in {@code survivor}. */
public record CustomerMerged(UUID mergeId, CustomerId survivor, CustomerId absorbed, String reason, String actor) {
}

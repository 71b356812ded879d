package io.temas.customers;

import java.util.UUID;

/** A merge was undone; both customers are back as they were before it. */
public record MergeUndone(UUID mergeId, CustomerId survivor, CustomerId absorbed, String actor) {
}

package io.temas.customers;

import java.util.UUID;

/** Two customers look like one person, but the rules left the decision to an agent. */
public record MergeCandidateFlagged(UUID candidateId, CustomerId first, CustomerId second, String reason) {
}

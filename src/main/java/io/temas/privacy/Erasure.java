package io.temas.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit record of one erasure: the profile asked for, every profile erased with it (its merge group), who asked,
 * why (without the person's addresses), when, and how many records each part held. {@code repeated} is true when the
 * answer is an earlier erasure of the same person, returned again rather than done twice.
 */
public record Erasure(UUID id, UUID customerId, List<UUID> customers, String actor, String reason, Map<String, Integer> parts,
                      Instant erasedAt, boolean repeated) {

    public int total() {
        return parts.values().stream().mapToInt(Integer::intValue).sum();
    }

    Erasure again() {
        return new Erasure(id, customerId, customers, actor, reason, parts, erasedAt, true);
    }
}

package io.temas.customers.identity;

import io.temas.shared.IdentifierType;
import io.temas.shared.ReasonCode;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether two customers' identities can live in one profile: the union may not exceed
 * the per-type limits (two different account numbers mean two people).
 */
public final class MergePolicy {

    private final IdentitySettings settings;

    public MergePolicy(IdentitySettings settings) {
        this.settings = settings;
    }

    public MergeDecision decide(Collection<NormalisedIdentifier> first, Collection<NormalisedIdentifier> second) {
        Map<IdentifierType, Set<String>> union = new EnumMap<>(IdentifierType.class);
        for (NormalisedIdentifier id : first) {
            union.computeIfAbsent(id.type(), t -> new HashSet<>()).add(id.value());
        }
        for (NormalisedIdentifier id : second) {
            union.computeIfAbsent(id.type(), t -> new HashSet<>()).add(id.value());
        }
        for (Map.Entry<IdentifierType, Set<String>> entry : union.entrySet()) {
            int limit = settings.limit(entry.getKey());
            if (entry.getValue().size() > limit) {
                return new MergeDecision.Refused("together they would have " + entry.getValue().size() + " "
                        + entry.getKey().code() + " identifiers; the limit is " + limit,
                        ReasonCode.of("merging.reason.limit", ReasonCode.number(entry.getValue().size()),
                                ReasonCode.key("identity." + entry.getKey().code()), ReasonCode.number(limit)));
            }
        }
        return new MergeDecision.Allowed("identifier limits allow one profile");
    }
}

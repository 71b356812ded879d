package io.temas.customers.identity;

import io.temas.shared.IdentifierType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deterministic rules of the identity graph.
 *
 * @param defaultRegion region for phone numbers written without a country code
 * @param limits        most identifiers of a type one customer may have
 * @param priority      identifier types from most to least trusted; the most trusted one
 *                      decides whose message it is when identifiers disagree
 * @param blockedValues placeholder values that never identify anybody (compared after normalising)
 */
@ConfigurationProperties("temas.identity")
public record IdentitySettings(
        @DefaultValue("TR") String defaultRegion,
        Map<IdentifierType, Integer> limits,
        @DefaultValue({"ACCOUNT", "LOYALTY", "PHONE", "EMAIL", "SOCIAL", "COOKIE"}) List<IdentifierType> priority,
        @DefaultValue({"null", "none", "unknown", "n/a", "-", "-1", "0", "test@test.com", "test@example.com",
                "noreply@example.com", "a@a.com"}) List<String> blockedValues) {

    private static final Map<IdentifierType, Integer> DEFAULT_LIMITS = Map.of(
            IdentifierType.ACCOUNT, 1,
            IdentifierType.LOYALTY, 1,
            IdentifierType.PHONE, 3,
            IdentifierType.EMAIL, 5,
            IdentifierType.SOCIAL, 10,
            IdentifierType.COOKIE, 50);

    public IdentitySettings {
        Map<IdentifierType, Integer> merged = new EnumMap<>(DEFAULT_LIMITS);
        if (limits != null) {
            merged.putAll(limits);
        }
        limits = Map.copyOf(merged);
    }

    public int limit(IdentifierType type) {
        return limits.getOrDefault(type, Integer.MAX_VALUE);
    }

    /** Lower is more trusted. */
    public int rank(IdentifierType type) {
        int index = priority.indexOf(type);
        return index < 0 ? priority.size() : index;
    }

    public static IdentitySettings defaults() {
        return new IdentitySettings("TR", null,
                List.of(IdentifierType.ACCOUNT, IdentifierType.LOYALTY, IdentifierType.PHONE,
                        IdentifierType.EMAIL, IdentifierType.SOCIAL, IdentifierType.COOKIE),
                List.of("null", "none", "unknown", "n/a", "-", "-1", "0", "test@test.com", "test@example.com",
                        "noreply@example.com", "a@a.com"));
    }
}

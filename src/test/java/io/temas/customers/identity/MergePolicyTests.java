package io.temas.customers.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.IdentifierType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergePolicyTests {

    private final MergePolicy policy = new MergePolicy(IdentitySettings.defaults());

    private static NormalisedIdentifier id(IdentifierType type, String value) {
        return new NormalisedIdentifier(type, value, value);
    }

    @Test
    void refusesTwoDifferentAccountNumbersWithAReadableReason() {
        MergeDecision decision = policy.decide(
                List.of(id(IdentifierType.ACCOUNT, "TR1"), id(IdentifierType.EMAIL, "ali@ornek.com")),
                List.of(id(IdentifierType.ACCOUNT, "TR2"), id(IdentifierType.EMAIL, "ali@ornek.com")));

        assertThat(decision).isInstanceOf(MergeDecision.Refused.class);
        assertThat(decision.reason()).isEqualTo("together they would have 2 account identifiers; the limit is 1");
    }

    @Test
    void allowsTheSameAccountNumberOnBothSides() {
        MergeDecision decision = policy.decide(List.of(id(IdentifierType.ACCOUNT, "TR1")),
                List.of(id(IdentifierType.ACCOUNT, "TR1"), id(IdentifierType.PHONE, "+905321112233")));

        assertThat(decision).isInstanceOf(MergeDecision.Allowed.class);
        assertThat(decision.reason()).isNotBlank();
    }

    @Test
    void allowsUnionsUpToTheLimits() {
        MergeDecision decision = policy.decide(
                List.of(id(IdentifierType.PHONE, "+905321112233"), id(IdentifierType.PHONE, "+905321112234"),
                        id(IdentifierType.EMAIL, "a@ornek.com")),
                List.of(id(IdentifierType.PHONE, "+994501234567"), id(IdentifierType.EMAIL, "b@ornek.com"),
                        id(IdentifierType.LOYALTY, "L1")));

        assertThat(decision).isInstanceOf(MergeDecision.Allowed.class);
    }

    @Test
    void refusesOneIdentifierOverTheLimit() {
        MergeDecision decision = policy.decide(
                List.of(id(IdentifierType.PHONE, "+905321112231"), id(IdentifierType.PHONE, "+905321112232")),
                List.of(id(IdentifierType.PHONE, "+905321112233"), id(IdentifierType.PHONE, "+905321112234")));

        assertThat(decision).isInstanceOf(MergeDecision.Refused.class);
        assertThat(decision.reason()).contains("4 phone identifiers").contains("limit is 3");
    }

    @Test
    void followsConfiguredLimits() {
        IdentitySettings settings = new IdentitySettings("TR", Map.of(IdentifierType.ACCOUNT, 2),
                IdentitySettings.defaults().priority(), List.of());

        MergeDecision decision = new MergePolicy(settings).decide(List.of(id(IdentifierType.ACCOUNT, "TR1")),
                List.of(id(IdentifierType.ACCOUNT, "TR2")));

        assertThat(decision).isInstanceOf(MergeDecision.Allowed.class);
    }
}

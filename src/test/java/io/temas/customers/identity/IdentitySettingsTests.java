package io.temas.customers.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.temas.shared.IdentifierType;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

class IdentitySettingsTests {

    private final IdentitySettings defaults = IdentitySettings.defaults();

    @Test
    void defaultsToTurkishPhoneNumbers() {
        assertThat(defaults.defaultRegion()).isEqualTo("TR");
    }

    @Test
    void defaultLimitsAllowOneAccountAndSeveralContacts() {
        assertThat(defaults.limit(IdentifierType.ACCOUNT)).isEqualTo(1);
        assertThat(defaults.limit(IdentifierType.LOYALTY)).isEqualTo(1);
        assertThat(defaults.limit(IdentifierType.PHONE)).isEqualTo(3);
        assertThat(defaults.limit(IdentifierType.EMAIL)).isEqualTo(5);
        assertThat(defaults.limit(IdentifierType.SOCIAL)).isEqualTo(10);
        assertThat(defaults.limit(IdentifierType.COOKIE)).isEqualTo(50);
    }

    @Test
    void configuredLimitsReplaceOnlyTheirOwnType() {
        IdentitySettings settings = new IdentitySettings("TR", Map.of(IdentifierType.PHONE, 5), defaults.priority(), List.of());

        assertThat(settings.limit(IdentifierType.PHONE)).isEqualTo(5);
        assertThat(settings.limit(IdentifierType.ACCOUNT)).isEqualTo(1);
    }

    @Test
    void ranksAccountsMostTrustedAndCookiesLeast() {
        assertThat(defaults.rank(IdentifierType.ACCOUNT)).isZero();
        assertThat(defaults.rank(IdentifierType.PHONE)).isLessThan(defaults.rank(IdentifierType.EMAIL));
        assertThat(defaults.rank(IdentifierType.COOKIE)).isEqualTo(5);
    }

    @Test
    void ranksTypesMissingFromThePriorityLast() {
        IdentitySettings settings = new IdentitySettings("TR", null, List.of(IdentifierType.EMAIL), List.of());

        assertThat(settings.rank(IdentifierType.ACCOUNT)).isEqualTo(1).isGreaterThan(settings.rank(IdentifierType.EMAIL));
    }

    @Test
    void blocksCommonPlaceholdersByDefault() {
        assertThat(defaults.blockedValues()).contains("null", "-1", "0", "test@test.com", "n/a");
    }

    @Test
    void defaultsEqualTheDefaultsUsedWhenBindingProperties() throws NoSuchMethodException {
        Parameter[] parameters = IdentitySettings.class
                .getDeclaredConstructor(String.class, Map.class, List.class, List.class).getParameters();

        assertThat(parameters[0].getAnnotation(DefaultValue.class).value()).containsExactly(defaults.defaultRegion());
        assertThat(Arrays.stream(parameters[2].getAnnotation(DefaultValue.class).value()).map(IdentifierType::of).toList())
                .isEqualTo(defaults.priority());
        assertThat(parameters[3].getAnnotation(DefaultValue.class).value()).containsExactlyElementsOf(defaults.blockedValues());
    }
}

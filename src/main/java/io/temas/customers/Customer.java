package io.temas.customers;

import io.temas.shared.Language;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A customer profile; {@code mergedInto} is set while it lives on inside another profile. */
public record Customer(
        CustomerId id,
        String displayName,
        Language language,
        boolean vip,
        List<String> segments,
        UUID mergedInto,
        Instant createdAt) {

    public Optional<Language> preferredLanguage() {
        return Optional.ofNullable(language);
    }

    public boolean isMerged() {
        return mergedInto != null;
    }
}

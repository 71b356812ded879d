package io.temas.customers;

import io.temas.shared.Language;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer profile; {@code mergedInto} is set while it lives on inside another profile.
 * {@code language} is the one chosen for them (by an agent, an import) or stated by them (a chat
 * widget's language); {@code detectedLanguage} the one their own messages were last recognised in.
 */
public record Customer(
        CustomerId id,
        String displayName,
        Language language,
        boolean vip,
        List<String> segments,
        UUID mergedInto,
        Instant createdAt,
        Language detectedLanguage) {

    public Customer(CustomerId id, String displayName, Language language, boolean vip, List<String> segments, UUID mergedInto,
                    Instant createdAt) {
        this(id, displayName, language, vip, segments, mergedInto, createdAt, null);
    }

    /** The language to address them in: the chosen one, else the one their messages are written in. */
    public Optional<Language> preferredLanguage() {
        return Optional.ofNullable(language).or(() -> Optional.ofNullable(detectedLanguage));
    }

    /** Whether {@link #preferredLanguage()} comes from their messages rather than a choice. */
    public boolean languageDetected() {
        return language == null && detectedLanguage != null;
    }

    public boolean isMerged() {
        return mergedInto != null;
    }
}

package io.temas.shared;

import java.util.Locale;
import java.util.Optional;

/** The languages Temas speaks to customers in; Turkish first. */
public enum Language {
    TR, AZ, EN;

    public static final Language DEFAULT = TR;
    private static final java.util.regex.Pattern SUBTAG_SEPARATOR = java.util.regex.Pattern.compile("[-_]");

    // Asked for on every message (bundles, formats): made once.
    private final String code = name().toLowerCase(Locale.ROOT);
    private final Locale locale = Locale.forLanguageTag(code);

    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /** Reads a language tag such as {@code tr}, {@code az-Latn-AZ} or {@code en_GB}; empty when unsupported. */
    public static Optional<Language> parse(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String[] subtags = SUBTAG_SEPARATOR.split(tag.trim());
        if (subtags.length == 0) {
            return Optional.empty();
        }
        String primary = subtags[0].toUpperCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.name().equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}

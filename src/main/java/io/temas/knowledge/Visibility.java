package io.temas.knowledge;

import io.temas.shared.InvalidInput;
import java.util.Locale;

/** Who may read an article: everybody on the portal, or only agents (and the API). */
public enum Visibility {
    PUBLIC, INTERNAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code public} or {@code internal}; null reads as {@code fallback}. */
    public static Visibility parse(String code, Visibility fallback) {
        if (code == null || code.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("visibility", "unknown visibility '" + code + "' (public, internal)");
        }
    }
}

package io.temas.knowledge;

import io.temas.shared.InvalidInput;
import java.util.Locale;

/** Where an article is in its life: only published articles are found and shown. */
public enum ArticleState {
    DRAFT, PUBLISHED, ARCHIVED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code draft}, {@code published} or {@code archived}; null reads as {@code fallback}. */
    public static ArticleState parse(String code, ArticleState fallback) {
        if (code == null || code.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("state", "unknown article state '" + code + "' (draft, published, archived)");
        }
    }
}

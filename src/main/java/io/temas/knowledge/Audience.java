package io.temas.knowledge;

import io.temas.shared.InvalidInput;
import java.util.Locale;

/** Who is searching: customers see public articles; agents also see internal ones. */
public enum Audience {
    CUSTOMER, AGENT;

    boolean sees(Visibility visibility) {
        return this == AGENT || visibility == Visibility.PUBLIC;
    }

    /** Reads {@code customer} or {@code agent}; null reads as {@code fallback}. */
    public static Audience parse(String code, Audience fallback) {
        if (code == null || code.isBlank()) {
            return fallback;
        }
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("audience", "unknown audience '" + code + "' (customer, agent)");
        }
    }
}

package io.temas.shared;

import java.util.Locale;

/** How urgent a conversation is. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority of(String code) {
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInput("priority", "unknown priority '" + code + "'");
        }
    }
}
